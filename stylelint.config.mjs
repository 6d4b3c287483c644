// Stylelint for the site's own style sheets, relaxed where our conventions are deliberate.
export default {
  extends: ["stylelint-config-standard"],
  ignoreFiles: ["node_modules/**", ".venv/**", "staticfiles/**", "test-artifacts/**"],
  rules: {
    // Short rules are written on one line, grouped without blank lines between them.
    "declaration-block-single-line-max-declarations": null,
    "rule-empty-line-before": null,
    "at-rule-empty-line-before": null,
    "comment-empty-line-before": null,
    "declaration-empty-line-before": null,
    // Block__element--modifier class names (fr-nav__link, lib-badge--partiel); a modifier may
    // be a stored value with its underscore (unit--legal_reference).
    "selector-class-pattern": [
      "^[a-z][a-z0-9]*(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+([-_][a-z0-9]+)*)?$",
      { message: (selector) => `Expected class selector "${selector}" to be block__element--modifier` },
    ],
    // "(max-width: 48rem)" rather than "(width <= 48rem)": older browsers still in use.
    "media-feature-range-notation": "prefix",
    // Compares selectors of unrelated components (".fr-btn" after ".fr-search-bar .fr-btn").
    "no-descending-specificity": null,
  },
  overrides: [
    {
      // PDF style sheets, read by WeasyPrint: paged-media functions (content(), target-counter()).
      files: ["**/*-pdf.css"],
      rules: { "declaration-property-value-no-unknown": null },
    },
  ],
};
