// Charts of the leader's one-pager of the tax-fee work (税费共治概览). The data come from the
// <script type="application/json"> element written by Django's json_script, never from inline
// script; a click on a bar or a slice opens the list behind it, like the figures beside them.
(function () {
  const font = {fontFamily: "sans-serif"};
  const read = (id) => {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  };
  const chart = (id) => {
    const element = document.getElementById(id);
    if (!element) return null;
    const instance = echarts.init(element);
    window.addEventListener("resize", () => instance.resize());
    return instance;
  };
  const go = (url) => {
    if (url) window.location.assign(url);
  };
  const empty = (c, text) => c.setOption({title: {text: text, left: "center", top: "middle", textStyle: {fontSize: 13, color: "#8a94a6", fontWeight: "normal"}}});

  function rules(d) {
    const c = chart("chart-taxfee-rules");
    if (!c) return;
    if (!d.names.length) return empty(c, "本年度暂无疑点");
    c.setOption({
      textStyle: font,
      title: {text: "各规则发现与确认的疑点", left: "center", textStyle: {fontSize: 14}},
      tooltip: {trigger: "axis"},
      legend: {top: 24},
      grid: {left: 40, right: 16, top: 60, bottom: 30},
      xAxis: {type: "category", data: d.names},
      yAxis: {type: "value", minInterval: 1},
      series: [
        {name: "发现", type: "bar", data: d.found, itemStyle: {color: "#9fb3c8"}},
        {name: "确认", type: "bar", data: d.confirmed, itemStyle: {color: "#1f3a5f"}},
      ],
    });
    c.on("click", (p) => go((p.seriesIndex === 0 ? d.found_urls : d.confirmed_urls)[p.dataIndex]));
  }

  function industries(d) {
    const c = chart("chart-taxfee-industries");
    if (!c) return;
    if (!d.length) return empty(c, "本年度暂无查补税款");
    const wan = (v) => (v / 10000).toFixed(2) + "万元";
    c.setOption({
      textStyle: font,
      title: {text: "分行业查补税款", left: "center", textStyle: {fontSize: 14}},
      tooltip: {valueFormatter: wan},
      series: [{type: "pie", radius: ["30%", "58%"], top: 30, data: d, label: {overflow: "truncate", width: 90}}],
    });
    c.on("click", (p) => go(d[p.dataIndex] && d[p.dataIndex].url));
  }

  function units(d) {
    const c = chart("chart-taxfee-units");
    if (!c) return;
    if (!d.names.length) return empty(c, "本年度暂无应报送的数据");
    c.setOption({
      textStyle: font,
      title: {text: "各单位报送及时性（期次）", left: "center", textStyle: {fontSize: 14}},
      tooltip: {trigger: "axis"},
      legend: {top: 24},
      grid: {left: 100, right: 16, top: 60, bottom: 20},
      yAxis: {type: "category", data: d.names, inverse: true, axisLabel: {width: 90, overflow: "truncate"}},
      xAxis: {type: "value", minInterval: 1},
      series: [
        {name: "按时", type: "bar", stack: "all", data: d.on_time, itemStyle: {color: "#2e8b57"}},
        {name: "逾期报送", type: "bar", stack: "all", data: d.late, itemStyle: {color: "#e0a800"}},
        {name: "逾期未报送", type: "bar", stack: "all", data: d.missing, itemStyle: {color: "#c0392b"}},
      ],
    });
    c.on("click", (p) => go(d.urls[p.dataIndex]));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const d = read("gz-taxfee-data");
    if (!d) return;
    rules(d.rules);
    industries(d.industries);
    units(d.units);
  });
})();
