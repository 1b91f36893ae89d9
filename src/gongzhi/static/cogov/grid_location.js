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
    if (!navigator.geolocation) { status("本浏览器不支持定位，请手工填写位置"); return; }
    status("正在获取定位…");
    navigator.geolocation.getCurrentPosition(function (pos) {
      var c = pos.coords;
      input.value = "北纬" + c.latitude.toFixed(6) + "，东经" + c.longitude.toFixed(6) + "（精度约" + Math.round(c.accuracy) + "米）";
      status("已获取定位");
    }, function () {
      status("未能获取定位，请手工填写位置");
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });
})();
