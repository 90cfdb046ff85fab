// Sozialhaus staff UI: after a failed form submission, move the focus to the error summary so screen reader
// and keyboard users learn at once what to correct (the summary links to each field).
document.addEventListener("DOMContentLoaded", function () {
  var zusammenfassung = document.getElementById("fehlerzusammenfassung");
  if (zusammenfassung) {
    zusammenfassung.focus();
  }
});
