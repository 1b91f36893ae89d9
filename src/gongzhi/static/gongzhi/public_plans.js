// Charts of the public plan page: approved values over time with the target line. The data
// come from the json_script element written by Django (escaped), never from inline script.
(function () {
  document.addEventListener("DOMContentLoaded", () => {
    const element = document.getElementById("gz-public-plan-charts");
    if (!element || typeof echarts === "undefined") return;
    JSON.parse(element.textContent).forEach((c) => {
      const box = document.getElementById(c.id);
      if (!box) return;
      const series = [{name: "审核通过的数值", type: "line", data: c.values, symbolSize: 8, itemStyle: {color: "#1f3a5f"}}];
      if (c.target !== null && c.target !== undefined) {
        series[0].markLine = {symbol: "none", data: [{yAxis: c.target, name: "目标"}], lineStyle: {color: "#2e8b57"}, label: {formatter: "目标 {c}"}};
      }
      echarts.init(box).setOption({
        title: {text: c.name + (c.unit ? "（" + c.unit + "）" : ""), left: "center", textStyle: {fontSize: 13, width: 300, overflow: "truncate"}},
        tooltip: {trigger: "axis"},
        grid: {left: 40, right: 16, top: 40, bottom: 30},
        xAxis: {type: "time"},
        yAxis: {type: "value", scale: true},
        series,
      });
    });
  });
})();
