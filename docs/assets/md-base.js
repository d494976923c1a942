// Material for MkDocs' inline helpers (partials/javascripts/base.html), as a file for a strict CSP.
// The scope is the site root: this file lives in <root>/assets/.
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
// Material loads a ResizeObserver polyfill from unpkg.com when the browser has none (Chrome < 64, old Android
// WebViews). Load this site's copy first (assets/vendor/, npm resize-observer-polyfill), so that no page ever
// requests another origin. document.write keeps it ahead of Material's script, as a parser-blocking script.
if (typeof ResizeObserver === "undefined") {
  document.write('<script src="' + new URL("assets/vendor/ResizeObserver.js", __md_scope).href + '"><\/script>');
}
