// Live filtering of the checkbox pickers (templates/includes/checkbox_picker.html) while one
// types. Progressive enhancement only: without JavaScript the "Filter" button re-posts the form
// and the server narrows the list. Ticked boxes always stay in view.
(function () {
  function plain(text) {
    var lower = (text || "").toLowerCase().trim();
    return lower.normalize ? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : lower;
  }

  function enhance(picker) {
    var input = picker.querySelector("[data-picker-filter]");
    if (!input) {
      return;
    }
    var options = picker.querySelectorAll("[data-picker-option]");
    var none = picker.querySelector("[data-picker-none]");

    function apply() {
      var wanted = plain(input.value);
      var shown = 0;
      Array.prototype.forEach.call(options, function (option) {
        var box = option.querySelector("input");
        var show = !wanted || (box && box.checked) || plain(option.textContent).indexOf(wanted) !== -1;
        option.hidden = !show;
        if (show) {
          shown += 1;
        }
      });
      if (none) {
        none.hidden = shown > 0 || options.length === 0;
      }
    }

    input.addEventListener("input", apply);
    // Enter filters here instead of sending the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        apply();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), enhance);
})();
