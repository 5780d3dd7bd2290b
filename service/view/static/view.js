/* The page's small behaviours, on top of plain HTML that reads without them:
 * a card (hovered or focused) lights its trigger and evidence sentences in the text; Escape closes a
 * highlight's tooltip (the tooltip itself is CSS: it shows on hover, tap and keyboard focus). */
(function () {
  "use strict";
  function scope(card) {
    return document.querySelector('.text[data-prefix="' + CSS.escape(card.getAttribute("data-prefix")) + '"]');
  }
  function light(card, on) {
    var text = scope(card);
    if (!text) { return; }
    var id = card.getAttribute("data-event");
    text.querySelectorAll('[data-events~="' + CSS.escape(id) + '"]').forEach(function (el) { el.classList.toggle("lit", on); });
  }
  document.querySelectorAll(".card[data-event]").forEach(function (card) {
    card.addEventListener("mouseenter", function () { light(card, true); });
    card.addEventListener("mouseleave", function () { light(card, false); });
    card.addEventListener("focusin", function () { light(card, true); });
    card.addEventListener("focusout", function () { light(card, false); });
  });
  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (event.key === "Escape" && el && el.classList && el.classList.contains("m")) { el.blur(); }
  });
  // A link to a card or a trigger moves the keyboard focus there too, not only the scroll position.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    var details = target.closest("details");
    if (details && !details.open) { details.open = true; }
    if (target.tabIndex < 0) { target.tabIndex = -1; }
    setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
  });
  // Readable on a phone means no sideways scrolling: the page's width beside the window's, kept on the
  // root element (the browser tests read both from the rendered DOM).
  function measure() {
    var root = document.documentElement;
    root.setAttribute("data-scroll-width", String(root.scrollWidth));
    root.setAttribute("data-window-width", String(window.innerWidth));
  }
  measure();
  window.addEventListener("load", measure);
})();
