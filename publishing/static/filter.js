// Filters the list of decisions as the search is typed; without it, the search form still
// works where the register is served, and the whole list is shown where it is not.
(function () {
  var input = document.getElementById("q");
  var count = document.getElementById("count");
  var rows = document.querySelectorAll("tr[data-search]");
  if (!input || !rows.length) { return; }
  var given = new URLSearchParams(window.location.search).get("q");
  if (given && !input.value) { input.value = given; }
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " published decisions";
  }
  input.addEventListener("input", filter);
  filter();
})();
