addEventListener("beforeprint", () => { for (const d of document.querySelectorAll("details:not([open])")) { d.open = true; d.dataset.shut = ""; } });
addEventListener("afterprint", () => { for (const d of document.querySelectorAll("details[data-shut]")) { d.open = false; delete d.dataset.shut; } });
