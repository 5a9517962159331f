// Escaping text for HTML, in one place: the review UI's templates and the enforcement documents
// both put crawled text into markup, and neither may let it become markup.
const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}
