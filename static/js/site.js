// Every page: "/" puts the cursor in the search box.
document.addEventListener("keydown", function (e) {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
  var t = e.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  var box = document.getElementById("q") || document.getElementById("site-q");
  if (!box) return;
  e.preventDefault();
  box.focus();
  box.select();
});
