// A fully static app: every route is prerendered.
export const prerender = true;
export const trailingSlash = 'always';
