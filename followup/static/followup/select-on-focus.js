// Selects the whole feed address when its field gets focus (was an inline onfocus handler).
document.addEventListener("focusin", (event) => {
  if (event.target.matches("input[data-select-on-focus]")) event.target.select();
});
