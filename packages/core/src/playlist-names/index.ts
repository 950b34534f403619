export { isDynamic, parseTemplate, PLACEHOLDERS, renderTemplate, type Placeholder, type Template, type TemplateCheck, type TemplatePart, type TemplateValues } from './template.js';
export { allowedPlaceholders, namePlaylist, parseNaming, type NamingFacts, type PlaylistNaming } from './playlist-naming.js';
