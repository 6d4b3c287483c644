// Loaded before the first paint (not deferred): the styles that fold the menu on small screens
// apply from the start instead of moving the page once site.js has run.
document.documentElement.classList.add("js");
