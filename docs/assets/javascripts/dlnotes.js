// dlnotes.js: what the pages need from JavaScript, which is keyboard access and figures on
// paper. The pages show their math, figures and code without it.
(function () {
  "use strict";

  // Material's instant navigation swaps pages without a load event; document$ emits each one.
  function onEveryPage(callback) {
    if (typeof document$ !== "undefined") {
      document$.subscribe(callback);
    } else {
      document.addEventListener("DOMContentLoaded", callback);
    }
  }

  // Boxes that scroll sideways: a display formula wider than a phone, a paragraph that holds a
  // wide inline formula, a wide table, a code block with long lines. A keyboard reader can
  // scroll one only if it can take focus, so each gets a tab stop while its content is wider
  // than the box (WCAG 2.1.1; axe: scrollable-region-focusable), and loses it when the window
  // grows. Material gives a code block its tab stop only once the block has come on screen
  // (content.lazy, mkdocs.yml); until then this one stands in.
  var SCROLLERS = [
    ".md-typeset .dlnotes-math",
    ".md-typeset p:has(dlnotes-formula)",
    ".md-typeset .dlnotes-table",
    ".md-typeset pre > code",
  ].join(", ");
  var pending = 0;

  // Every width is read before any tab stop is written: a write between two reads would make
  // the browser lay the page out again for the second read. A box in a closed fold is skipped:
  // measuring it would make the browser lay out the hidden fold; it is measured when opened.
  function markScrollers() {
    var boxes = Array.prototype.filter.call(document.querySelectorAll(SCROLLERS), function (box) {
      return !box.closest("details:not([open])");
    });
    var wide = boxes.map(function (box) {
      return box.scrollWidth > box.clientWidth + 1;
    });
    boxes.forEach(function (box, index) {
      if (wide[index]) {
        box.tabIndex = 0;
      } else if (box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
      }
    });
  }

  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(markScrollers);
  }

  window.addEventListener("resize", later);
  document.addEventListener("toggle", later, true); // a fold opened: its boxes can be measured now
  document.fonts.ready.then(later);
  onEveryPage(later);

  // The header's two toggles on a phone. Material opens the search overlay and the navigation
  // drawer from two <label>s, and a label takes no focus, so a keyboard reader could open neither
  // (WCAG 2.1.1, 2.4.7), the search only by tabbing into its hidden field. Each becomes a button:
  // a tab stop (both are hidden on a wide screen), opened by Enter (Material clicks a focused
  // label on Enter) or Space. After Escape closes the search, focus goes back to the magnifier
  // instead of to the top of the page. A closed drawer sits off screen with every link in it
  // still a tab stop, so focus vanished for some twenty presses of Tab: it is made inert. Opened
  // from the menu button, the drawer takes focus (its first link), and Escape closes it and gives
  // focus back to the button, as a dialog does.
  var MAGNIFIER = '.md-header label.md-header__button[for="__search"]';
  var MENU = '.md-header label.md-header__button[for="__drawer"]';
  var narrow = window.matchMedia("(max-width: 76.234375em)"); // Material's drawer breakpoint
  var openedFromMagnifier = false;
  var openedFromMenu = false;

  function asButton(selector, name) {
    var label = document.querySelector(selector);
    if (!label) return;
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
  }

  function closedDrawerInert() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (toggle && drawer) drawer.inert = narrow.matches && !toggle.checked;
  }

  function focusDrawer() {
    var first = document.querySelector(".md-sidebar--primary a[href]");
    if (first) first.focus();
  }

  function closeDrawer() {
    var toggle = document.getElementById("__drawer");
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change", { bubbles: true })); // Material and closedDrawerInert listen
    var menu = document.querySelector(MENU);
    if (menu) menu.focus();
  }

  function returnFocusToMagnifier() {
    // Escape leaves focus nowhere; Tab out of the field has already moved it on: keep that.
    var magnifier = document.querySelector(MAGNIFIER);
    var lost = !document.activeElement || document.activeElement === document.body;
    if (lost && magnifier && magnifier.checkVisibility()) magnifier.focus();
  }

  onEveryPage(function () {
    var dialog = document.querySelector(".md-search");
    asButton(MAGNIFIER, (dialog && dialog.getAttribute("aria-label")) || "Search");
    asButton(MENU, "Navigation");
    closedDrawerInert();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === " " && event.target instanceof Element && event.target.matches(MAGNIFIER + ", " + MENU)) {
      event.preventDefault(); // Space on a button activates it; it must not scroll the page
      event.target.click();
    }
    var toggle = document.getElementById("__drawer");
    if (event.key === "Escape" && toggle && toggle.checked && narrow.matches) closeDrawer();
  });
  document.addEventListener(
    "click",
    function (event) {
      if (event.target instanceof Element && event.target.closest(MAGNIFIER)) openedFromMagnifier = true;
      if (event.target instanceof Element && event.target.closest(MENU)) openedFromMenu = true;
    },
    true
  );
  document.addEventListener("change", function (event) {
    if (event.target.id === "__drawer") {
      closedDrawerInert();
      if (event.target.checked && openedFromMenu) setTimeout(focusDrawer, 0); // once it is no longer inert
      openedFromMenu = false;
    }
    if (event.target.id === "__search" && !event.target.checked && openedFromMagnifier) {
      openedFromMagnifier = false;
      setTimeout(returnFocusToMagnifier, 0);
    }
  });
  narrow.addEventListener("change", closedDrawerInert);

  // Printed, a page shows the light palette's figures (print.css). They are lazy images, so a
  // reader of the dark palette has never loaded them, and Chromium 150 prints a lazy image it
  // has not loaded as an empty box. Asked for when printing starts, they are there on paper.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll('img[loading="lazy"]').forEach(function (image) {
      image.loading = "eager";
    });
  });
})();
