/** Seed content in the idea's domain: a shop for "handmade mugs" sells mugs, from a small table of product kinds. */

/** A kind of product people open small shops for, with the words that name it in an idea. */
interface ProductKind {
  words: string[];
  singular: string;
  icon: string;
  /** A typical price of the plain item, in cents. */
  price: number;
}

const PRODUCT_KINDS: ProductKind[] = [
  { words: ['mug', 'mugs', 'cup', 'cups'], singular: 'mug', icon: '☕', price: 1800 },
  { words: ['candle', 'candles'], singular: 'candle', icon: '🕯️', price: 1600 },
  { words: ['soap', 'soaps'], singular: 'soap bar', icon: '🧼', price: 800 },
  { words: ['shirt', 'shirts', 't-shirt', 't-shirts', 'tshirt', 'tshirts', 'tee', 'tees'], singular: 't-shirt', icon: '👕', price: 2500 },
  { words: ['book', 'books', 'zine', 'zines'], singular: 'book', icon: '📚', price: 1500 },
  { words: ['plant', 'plants', 'succulent', 'succulents', 'cactus', 'cacti'], singular: 'plant', icon: '🪴', price: 2200 },
  { words: ['jewelry', 'jewellery', 'necklace', 'necklaces', 'earring', 'earrings', 'ring', 'rings', 'bracelet', 'bracelets'], singular: 'necklace', icon: '💍', price: 3900 },
  { words: ['bag', 'bags', 'tote', 'totes', 'backpack', 'backpacks'], singular: 'tote bag', icon: '👜', price: 3200 },
  { words: ['print', 'prints', 'poster', 'posters', 'art', 'artwork', 'painting', 'paintings'], singular: 'art print', icon: '🖼️', price: 2800 },
  { words: ['cookie', 'cookies', 'biscuit', 'biscuits'], singular: 'cookie box', icon: '🍪', price: 1200 },
  { words: ['cake', 'cakes', 'cupcake', 'cupcakes', 'pastry', 'pastries'], singular: 'cake', icon: '🎂', price: 3000 },
  { words: ['bread', 'loaf', 'loaves', 'sourdough', 'bakery'], singular: 'loaf', icon: '🍞', price: 700 },
  { words: ['coffee', 'beans', 'espresso'], singular: 'coffee bag', icon: '☕', price: 1400 },
  { words: ['tea', 'teas'], singular: 'tea tin', icon: '🍵', price: 1100 },
  { words: ['sock', 'socks'], singular: 'pair of socks', icon: '🧦', price: 1200 },
  { words: ['hat', 'hats', 'cap', 'caps', 'beanie', 'beanies'], singular: 'hat', icon: '🧢', price: 2400 },
  { words: ['record', 'records', 'vinyl', 'vinyls', 'lp', 'lps'], singular: 'record', icon: '💿', price: 2600 },
  { words: ['bowl', 'bowls', 'plate', 'plates', 'pottery', 'ceramics', 'ceramic'], singular: 'bowl', icon: '🥣', price: 2400 },
  { words: ['toy', 'toys', 'teddy', 'plushie', 'plushies'], singular: 'toy', icon: '🧸', price: 2000 },
  { words: ['sticker', 'stickers'], singular: 'sticker pack', icon: '✨', price: 500 },
  { words: ['chocolate', 'chocolates', 'truffle', 'truffles'], singular: 'chocolate box', icon: '🍫', price: 1800 },
  { words: ['honey', 'jam', 'jams', 'preserves'], singular: 'jar', icon: '🍯', price: 900 },
  { words: ['shoe', 'shoes', 'sneaker', 'sneakers', 'boot', 'boots'], singular: 'pair of shoes', icon: '👟', price: 8900 },
  { words: ['knife', 'knives'], singular: 'knife', icon: '🔪', price: 6900 },
];

/** What the shop's range is made of: a variant of the item, its category, and its price as a share of the plain item's. */
const RANGE: { name: (item: string) => string; category: string; factor: number; description: (item: string) => string }[] = [
  { name: (item) => `Classic ${item}`, category: 'Everyday', factor: 1, description: (item) => `The ${item} we are known for, made to last.` },
  { name: (item) => `Large ${item}`, category: 'Everyday', factor: 1.4, description: (item) => `Our ${item}, a size up.` },
  { name: (item) => `Mini ${item}`, category: 'Everyday', factor: 0.7, description: (item) => `A small ${item}, easy to give.` },
  { name: (item) => `Limited-edition ${item}`, category: 'Limited', factor: 1.8, description: (item) => `A ${item} from a small batch, while it lasts.` },
  { name: (item) => `Seconds ${item}`, category: 'Limited', factor: 0.6, description: (item) => `A ${item} with tiny flaws, at a lower price.` },
  { name: (item) => `${capitalise(item)} gift set`, category: 'Gifts', factor: 2, description: (item) => `Two of our ${item}, wrapped and ready to give.` },
];

/** Words before the item that say what it is like ("handmade", "vegan"), never filler. */
const NOT_QUALIFIERS = new Set('a an the my our your some for of and with shop store selling sell sells online small little new'.split(' '));

const capitalise = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/**
 * The products of a shop for the idea, as products.json holds them, when the idea names a kind of
 * product the table knows ("A shop for handmade mugs" → Classic mug, Large mug, ...); undefined
 * otherwise, so the template keeps its own neutral range. Deterministic.
 *
 * @example JSON.parse(shopProducts('A shop for handmade mugs')!)[0].name // 'Classic mug'
 */
export function shopProducts(idea: string): string | undefined {
  const words = idea.toLowerCase().split(/[^a-z0-9'-]+/).filter(Boolean);
  const at = words.findIndex((word) => PRODUCT_KINDS.some((kind) => kind.words.includes(word)));
  if (at < 0) return undefined;
  const kind = PRODUCT_KINDS.find((candidate) => candidate.words.includes(words[at]!))!;
  const before = words[at - 1];
  const qualifier = before && !NOT_QUALIFIERS.has(before) && /^[a-z-]+$/.test(before) ? `${before} ` : '';
  const products = RANGE.map((entry) => {
    const name = entry.name(kind.singular);
    return {
      id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
      name,
      category: entry.category,
      price: Math.round((kind.price * entry.factor) / 100) * 100,
      icon: kind.icon,
      description: entry.description(`${qualifier}${kind.singular}`),
    };
  });
  return `${JSON.stringify(products, null, 2)}\n`;
}
