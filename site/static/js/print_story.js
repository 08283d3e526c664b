// The "Print this story" button: shown only where this script runs, beside the
// sentence that says how to print with the browser's own command.
document.querySelectorAll("[data-print-story]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
});
