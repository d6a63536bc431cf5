// Embedded videos, posts and tracks: the page shows a card with a link, and nothing comes from the provider until
// the reader presses "Load the video from YouTube". Then the card gives way to the provider's player. Without this
// script the card stays a plain link. The site's Content-Security-Policy lets frames come from the listed
// providers only (articles/embeds.py).
"use strict";
(function () {
  function load(figure) {
    var address = figure.dataset.player;
    if (!address || new URL(address).protocol !== "https:") {
      return;
    }
    var frame = document.createElement("iframe");
    frame.src = address;
    frame.title = figure.dataset.playerTitle || "Embedded content";
    frame.className = "embed-player";
    frame.allow = "fullscreen; encrypted-media; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    figure.querySelector(".embed-card").replaceWith(frame);
    figure.classList.add("embed-loaded");
    frame.focus();
  }

  document.querySelectorAll("figure.embed[data-player]").forEach(function (figure) {
    var offer = figure.querySelector(".embed-load");
    if (!offer) {
      return;
    }
    offer.querySelector("button").addEventListener("click", function () {
      load(figure);
    });
    offer.hidden = false;
  });
})();
