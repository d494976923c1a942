// Material for MkDocs' inline content script (partials/javascripts/content.html), as a file for a strict CSP.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
