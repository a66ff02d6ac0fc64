// Boxes that scroll sideways: a display formula wider than a phone, a paragraph that holds a
// wide inline formula, a wide table. A keyboard reader can scroll one only if it can take
// focus, so each gets a tab stop while its content is wider than the box (WCAG 2.1.1; axe:
// scrollable-region-focusable), and loses it when the window grows. Nothing else here:
// the pages show their math, figures and code without JavaScript.
(function () {
  "use strict";
  var SCROLLERS = ".md-typeset .dlnotes-math, .md-typeset p:has(dlnotes-formula), .md-typeset .md-typeset__scrollwrap";
  var pending = 0;

  function mark() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
      } else if (box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
      }
    });
  }

  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  }

  window.addEventListener("resize", later);
  document.fonts.ready.then(later);
  // Material's instant navigation swaps pages without a load event; document$ emits each one.
  if (typeof document$ !== "undefined") {
    document$.subscribe(later);
  } else {
    document.addEventListener("DOMContentLoaded", later);
  }
})();
