/* "引用本案例": the access date becomes today's, and the citation can be copied (hosted and from file://). */
(function () {
  "use strict";
  var text = document.getElementById("cc-cite-text");
  if (!text) return;
  var now = new Date();
  var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  // the last [YYYY-MM-DD] is the access date (GB/T 7714: [引用日期]); each date is a span kept whole on a line
  var dates = text.querySelectorAll(".cc-nowrap");
  for (var i = dates.length - 1; i >= 0; i--) {
    var before = dates[i].previousSibling;
    if (before && /\[$/.test(before.textContent)) { dates[i].textContent = today; break; }
  }
  var button = document.querySelector(".cc-cite__copy");
  var status = document.querySelector(".cc-cite__copied");
  button.hidden = false;
  function done(ok) { status.textContent = ok ? "已复制" : "请选中后按 Ctrl+C 复制"; }
  function select() {
    var range = document.createRange();
    range.selectNodeContents(text);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection;
  }
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.textContent).then(function () { done(true); }, function () {
        select(); done(document.execCommand && document.execCommand("copy"));
      });
    } else {
      select(); done(document.execCommand && document.execCommand("copy"));
    }
  });
})();
