// Grid verification: a button fills the location field from the browser's geolocation
// (<button data-grid-locate="input-id">); no inline script (CSP). The field stays editable.
(function () {
  "use strict";
  function status(text) {
    var el = document.querySelector("[data-grid-locate-status]");
    if (el) { el.textContent = text; }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-grid-locate]");
    if (!button) { return; }
    var input = document.getElementById(button.getAttribute("data-grid-locate"));
    if (!input) { return; }
    if (!navigator.geolocation) { status("\u672c\u6d4f\u89c8\u5668\u4e0d\u652f\u6301\u5b9a\u4f4d\uff0c\u8bf7\u624b\u5de5\u586b\u5199\u4f4d\u7f6e"); return; }
    status("\u6b63\u5728\u83b7\u53d6\u5b9a\u4f4d\u2026");
    navigator.geolocation.getCurrentPosition(function (pos) {
      var c = pos.coords;
      input.value = "\u5317\u7eac" + c.latitude.toFixed(6) + "\uff0c\u4e1c\u7ecf" + c.longitude.toFixed(6) + "\uff08\u7cbe\u5ea6\u7ea6" + Math.round(c.accuracy) + "\u7c73\uff09";
      status("\u5df2\u83b7\u53d6\u5b9a\u4f4d");
    }, function () {
      status("\u672a\u80fd\u83b7\u53d6\u5b9a\u4f4d\uff0c\u8bf7\u624b\u5de5\u586b\u5199\u4f4d\u7f6e");
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });
})();
