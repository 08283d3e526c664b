// Drag over the picture to add a region to blur; regions are shown as outlines.
// Without this script, editors type the regions into the text box.
(function () {
  "use strict";
  function init() {
    var canvas = document.querySelector("[data-blur-canvas]");
    var field = document.querySelector("textarea[name=regions]");
    if (!canvas || !field) return;
    var picture = canvas.querySelector("img");

    function percent(event) {
      var rect = picture.getBoundingClientRect();
      return {
        x: Math.max(0, Math.min(100, ((event.clientX - rect.left) / rect.width) * 100)),
        y: Math.max(0, Math.min(100, ((event.clientY - rect.top) / rect.height) * 100)),
      };
    }
    function outline(region, draft) {
      var box = document.createElement("div");
      box.style.cssText =
        "position:absolute;border:2px solid #fff;outline:2px dashed #cd4444;pointer-events:none;" +
        "left:" + region[0] + "%;top:" + region[1] + "%;width:" + region[2] + "%;height:" + region[3] + "%";
      if (draft) box.dataset.draft = "1";
      canvas.appendChild(box);
      return box;
    }
    function redraw() {
      canvas.querySelectorAll("div").forEach(function (box) { box.remove(); });
      field.value.split("\n").forEach(function (line) {
        var values = line.replace(/,/g, " ").trim().split(/\s+/).map(Number);
        if (values.length === 4 && values.every(function (v) { return !isNaN(v); })) outline(values);
      });
    }
    var start = null;
    var draft = null;
    canvas.addEventListener("pointerdown", function (event) {
      start = percent(event);
      draft = outline([start.x, start.y, 0, 0], true);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!start) return;
      var here = percent(event);
      draft.style.left = Math.min(start.x, here.x) + "%";
      draft.style.top = Math.min(start.y, here.y) + "%";
      draft.style.width = Math.abs(here.x - start.x) + "%";
      draft.style.height = Math.abs(here.y - start.y) + "%";
    });
    canvas.addEventListener("pointerup", function (event) {
      if (!start) return;
      var here = percent(event);
      var region = [Math.min(start.x, here.x), Math.min(start.y, here.y), Math.abs(here.x - start.x), Math.abs(here.y - start.y)];
      start = null;
      if (region[2] > 0.5 && region[3] > 0.5) {
        var line = region.map(function (v) { return v.toFixed(1); }).join(" ");
        field.value = (field.value.trim() ? field.value.trim() + "\n" : "") + line;
      }
      redraw();
    });
    field.addEventListener("input", redraw);
    redraw();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
