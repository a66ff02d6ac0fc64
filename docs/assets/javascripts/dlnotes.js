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

// Search on a phone: Material shows the field in an overlay that opens from the header's
// magnifier, a <label> that takes no focus, so a keyboard reader could not open it except by
// tabbing into the hidden field (WCAG 2.1.1, 2.4.7). The magnifier becomes a button: a tab
// stop (hidden on a wide screen, where the field itself shows), opened by Enter (Material
// clicks a focused label on Enter) or Space; after Escape closes the overlay, focus goes back
// to it instead of to the top of the page.
(function () {
  "use strict";
  var MAGNIFIER = '.md-header label.md-header__button[for="__search"]';
  var openedFromMagnifier = false;

  function mark() {
    var magnifier = document.querySelector(MAGNIFIER);
    if (!magnifier) return;
    var dialog = document.querySelector(".md-search");
    magnifier.tabIndex = 0;
    magnifier.setAttribute("role", "button");
    magnifier.setAttribute("aria-label", (dialog && dialog.getAttribute("aria-label")) || "Search");
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === " " && event.target instanceof Element && event.target.matches(MAGNIFIER)) {
      event.preventDefault(); // Space on a button activates it; it must not scroll the page
      event.target.click();
    }
  });
  document.addEventListener(
    "click",
    function (event) {
      if (event.target instanceof Element && event.target.closest(MAGNIFIER)) openedFromMagnifier = true;
    },
    true
  );
  document.addEventListener("change", function (event) {
    if (event.target.id !== "__search" || event.target.checked || !openedFromMagnifier) return;
    openedFromMagnifier = false;
    // Escape leaves focus nowhere; Tab out of the field has already moved it on: keep that.
    setTimeout(function () {
      var magnifier = document.querySelector(MAGNIFIER);
      if ((!document.activeElement || document.activeElement === document.body) && magnifier && magnifier.checkVisibility()) {
        magnifier.focus();
      }
    }, 0);
  });
  if (typeof document$ !== "undefined") {
    document$.subscribe(mark);
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();

// Navigation below Material's drawer breakpoint: the drawer slides in from the header's menu
// button, another <label> no keyboard could focus; and while closed, the drawer sits off screen
// with every link in it still a tab stop, so focus vanished for some twenty presses of Tab. The
// button becomes a tab stop (Enter opens it: Material clicks a focused label; Space too, here),
// and the closed drawer is inert, so Tab skips what cannot be seen.
(function () {
  "use strict";
  var BUTTON = '.md-header label.md-header__button[for="__drawer"]';
  var narrow = window.matchMedia("(max-width: 76.234375em)"); // Material's drawer breakpoint

  function update() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (toggle && drawer) drawer.inert = narrow.matches && !toggle.checked;
  }

  function mark() {
    var button = document.querySelector(BUTTON);
    if (button) {
      button.tabIndex = 0;
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", "Navigation");
    }
    update();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === " " && event.target instanceof Element && event.target.matches(BUTTON)) {
      event.preventDefault();
      event.target.click();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__drawer") update();
  });
  narrow.addEventListener("change", update);
  if (typeof document$ !== "undefined") {
    document$.subscribe(mark);
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();
