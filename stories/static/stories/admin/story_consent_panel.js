// The story consent panel follows the form: when the storyteller, the
// audiences, the hero picture or the go-live date change, it asks the admin for the panel as
// those choices would make it, before anything is saved.
(function () {
  "use strict";

  var WATCHED = [
    "storyteller",
    "hero_image",
    "for_public",
    "for_schools",
    "for_partners",
    "go_live_at",
  ];
  var CHOSEN = ["storyteller", "hero_image"];

  function field(form, name) {
    return form.querySelector('[name="' + name + '"]');
  }

  function choices(form, panel) {
    var query = new URLSearchParams();
    var goLive = field(form, "go_live_at");
    query.set("story", panel.dataset.storyId || "");
    CHOSEN.forEach(function (name) {
      var chosen = field(form, name);
      if (chosen) {
        query.set(name, chosen.value);
      }
    });
    ["for_public", "for_schools", "for_partners"].forEach(function (name) {
      var box = field(form, name);
      if (box && box.checked) {
        query.set(name, "on");
      }
    });
    query.set("go_live_at", goLive ? goLive.value : "");
    return query;
  }

  function connect(panel) {
    var form = panel.closest("form");
    if (!form) {
      return;
    }
    var last = null;
    var pending = null;

    function refresh() {
      var query = choices(form, panel).toString();
      if (query === last) {
        return;
      }
      last = query;
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      fetch(panel.dataset.refreshUrl + "?" + query, {
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
        signal: pending.signal,
      })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null) {
            panel.innerHTML = html;
          }
        })
        .catch(function () {
          // A superseded or failed request leaves the panel as it was.
        });
    }

    last = choices(form, panel).toString();
    form.addEventListener("change", function (event) {
      if (WATCHED.indexOf(event.target.name) !== -1) {
        refresh();
      }
    });
    // Wagtail's choosers write the chosen storyteller and picture into hidden
    // inputs, not always with a change event: look again now and then (a
    // request is made only when the choices differ from the last ones asked).
    CHOSEN.forEach(function (name) {
      var chosen = field(form, name);
      if (chosen && window.MutationObserver) {
        new MutationObserver(refresh).observe(chosen, {
          attributes: true,
          attributeFilter: ["value"],
        });
      }
    });
    window.setInterval(refresh, 1500);
  }

  function start() {
    document.querySelectorAll("[data-story-consent-panel]").forEach(connect);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
