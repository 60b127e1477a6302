/**
 * Text as Markdown shows it, never as markup: MkDocs and GitHub pass HTML
 * in Markdown through, so `<script>` or `<!--` in a description would run
 * or hide the page. Entities keep the text as it was written.
 */
export const markdownText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
