// Full-width digits and letters in the search box (１０００, as Chinese input methods often type them) are searched
// as the index holds them (1000): the box's text is normalized (NFKC) before the theme's search reads it. Not
// while an input method is composing: its text is normalized once committed.
(() => {
  const normalize = (box) => {
    const normal = box.value.normalize("NFKC");
    if (normal === box.value) return false;
    const at = Math.min(box.selectionStart ?? normal.length, normal.length);
    box.value = normal;
    box.setSelectionRange(at, at);
    return true;
  };
  const isSearchBox = (el) => el instanceof HTMLInputElement && el.name === "query";
  document.addEventListener("input", (e) => {
    if (isSearchBox(e.target) && !e.isComposing) normalize(e.target);
  }, true);
  document.addEventListener("compositionend", (e) => {
    if (isSearchBox(e.target) && normalize(e.target)) e.target.dispatchEvent(new Event("input", { bubbles: true }));
  }, true);
})();
