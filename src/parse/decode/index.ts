export { decodeDocument, type DecodedDocument } from './decode-document.js';
export { parseContentType, classifyMediaType, type ContentTypeInfo, type MediaTypeClass } from './content-type.js';
