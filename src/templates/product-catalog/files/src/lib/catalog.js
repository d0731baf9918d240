// Catalog rules: categories, search and sorting over the product list, without side effects.

const SORT_ORDERS = {
  featured: null,
  'price-asc': (a, b) => a.price - b.price,
  'price-desc': (a, b) => b.price - a.price,
  name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
};

/** Lists the distinct categories in alphabetical order, e.g. ['Home', 'Kitchen']. */
export function listCategories(products) {
  return [...new Set(products.map((product) => product.category))].sort();
}

/** Keeps products in a category ('' or 'all' for any) whose name, description or category contain every query word. */
export function filterProducts(products, query, category) {
  const words = String(query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return products.filter((product) => {
    if (category && category !== 'all' && product.category !== category) return false;
    const text = `${product.name} ${product.description ?? ''} ${product.category}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Returns a sorted copy: 'featured' (catalog order), 'price-asc', 'price-desc' or 'name'. */
export function sortProducts(products, order) {
  if (!(order in SORT_ORDERS)) throw new Error(`Unknown sort order: ${order}`);
  const compare = SORT_ORDERS[order];
  return compare ? [...products].sort(compare) : [...products];
}
