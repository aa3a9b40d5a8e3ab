export {
  XML_NAMESPACE,
  XMLNS_NAMESPACE,
  XHTML_NAMESPACE,
  attr,
  looseAttr,
  childElements,
  hasChildElements,
  textContent,
  type XmlAttribute,
  type XmlElement,
  type XmlNode,
  type XmlText,
} from './element.js';
export { innerXml } from './serialize.js';
export { parseXml, type ParseXmlOptions, type XmlDocument } from './parse-xml.js';
