// Opens nilearn's interactive viewers in place (doc/sphinxext/nilearn_viewers.py).
// Each placeholder holds a link to the viewer's own document: a click (or Enter)
// replaces the placeholder's link by an iframe of that document, so nothing of the
// viewer loads before the reader asks for it. Without JavaScript the link opens the
// viewer as a page of its own.
"use strict";
document.addEventListener("click", (event) => {
  const link = event.target.closest(".nilearn-viewer a.nilearn-viewer-open");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  const placeholder = link.closest(".nilearn-viewer");
  const frame = document.createElement("iframe");
  frame.src = link.href;
  frame.title = placeholder.dataset.title;
  frame.className = "nilearn-viewer-frame";
  // nilearn's size, scaled down to the text column on narrow screens
  frame.style.width = `${placeholder.dataset.width}px`;
  frame.style.aspectRatio = `${placeholder.dataset.width} / ${placeholder.dataset.height}`;
  placeholder.replaceChildren(frame);
  placeholder.classList.add("nilearn-viewer-opened");
  frame.focus();
});
