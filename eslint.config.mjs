// ESLint for the site's own scripts: classic browser scripts (no modules, no build step).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["node_modules/", ".venv/", "staticfiles/", ".test-media/", "test-artifacts/"],
  },
  {
    files: ["*/static/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
  },
  {
    // This configuration file itself.
    files: ["eslint.config.mjs"],
    ...js.configs.recommended,
    languageOptions: { sourceType: "module" },
  },
];
