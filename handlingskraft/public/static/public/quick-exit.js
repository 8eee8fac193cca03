/* "Lämna sidan snabbt": replace the page with a neutral one at once.
   location.replace() puts the neutral page in the place of this one in the
   tab's history, so Back does not lead here. The page is hidden first, so
   nothing of it stays on screen while the neutral page loads. Escape does
   the same from anywhere on the page. Without JavaScript the button is an
   ordinary link to the same neutral page. */
(function () {
  "use strict";

  function leave(link) {
    document.body.hidden = true;
    window.location.replace(link.href);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    if (!link) {
      return;
    }
    event.preventDefault();
    leave(link);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) {
      return;
    }
    var link = document.querySelector("a[data-quick-exit]");
    if (link) {
      event.preventDefault();
      leave(link);
    }
  });
})();
