// Charts of the policy what-if page: the effect by industry and by town. The data come from the
// <script type="application/json" id="gz-whatif-data"> written by Django's json_script.
(function () {
  function bars(id, data) {
    const element = document.getElementById(id);
    if (!element || !data || !data.names.length) return;
    element.style.height = Math.max(280, data.names.length * 24 + 70) + "px";
    const narrow = element.clientWidth < 500;
    echarts.init(element).setOption({
      title: {text: element.dataset.title || "", left: "center", textStyle: {fontSize: 14}},
      tooltip: {trigger: "axis", valueFormatter: (v) => v.toLocaleString("zh-CN") + " 万元"},
      grid: {left: 8, right: 24, top: 40, bottom: 24, containLabel: true},
      xAxis: {type: "value", splitNumber: narrow ? 3 : 5, axisLabel: {hideOverlap: true}},
      yAxis: {type: "category", data: data.names, inverse: true, axisLabel: {width: narrow ? 84 : 140, overflow: "truncate"}},
      series: [{type: "bar", data: data.values, itemStyle: {color: (p) => (p.value < 0 ? "#c0392b" : "#2e8b57")}}],
      textStyle: {fontFamily: "sans-serif"},
      animation: false,
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    const element = document.getElementById("gz-whatif-data");
    if (!element) return;
    const data = JSON.parse(element.textContent);
    bars("chart-whatif-industries", data.industries);
    bars("chart-whatif-towns", data.towns);
  });
})();
