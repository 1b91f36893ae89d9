// gongzhi page behaviour without inline script (the Content-Security-Policy allows none):
// <select data-autosubmit> submits its form on change; <button data-confirm="…"> asks first.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
// <input type="checkbox" data-check-all="NAME"> ticks or clears every checkbox named NAME in its form.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all || !all.form) return;
  all.form.querySelectorAll(`input[type=checkbox][name="${all.dataset.checkAll}"]`).forEach((box) => {
    box.checked = all.checked;
  });
});
// <button data-needs="ID" data-needs-message="…"> stops and says why while field #ID is empty.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-needs]");
  const field = button && document.getElementById(button.dataset.needs);
  if (field && !field.value.trim()) {
    event.preventDefault();
    field.setCustomValidity(button.dataset.needsMessage || "");
    field.reportValidity();
    field.addEventListener("input", () => field.setCustomValidity(""), { once: true });
  }
});
