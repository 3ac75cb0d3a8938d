// Text placed inside XML: the .docx parts (local) and the RETEX chart's SVG (both Node runtimes).

/** `text` safe as XML character data or as a double-quoted attribute value. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
