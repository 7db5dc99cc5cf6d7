/**
 * The product catalogue: 208 products in 26 categories (paths of two or three levels), each
 * with a fixed unit price, a popularity weight, and a few products that are bought together.
 * The catalogue does not depend on the seed, so product names and prices are stable.
 */
import { Rng, cumulative } from './random.js';

/** One product of the catalogue. */
export interface Product {
  readonly index: number;
  readonly name: string;
  /** Category path, e.g. `Home/Kitchen/Cookware`. */
  readonly category: string;
  /** Index of the top-level category in `TOP_CATEGORIES`. */
  readonly top: number;
  /** Unit price in cents. */
  readonly priceCents: number;
  /** Mean extra units beyond the first (consumables are bought by several). */
  readonly extraQuantity: number;
  /** Relative popularity. */
  readonly weight: number;
}

/** Two products bought together: when `first` is in a basket, `second` joins with `probability`. */
export interface ProductPair {
  readonly first: string;
  readonly second: string;
  readonly probability: number;
}

interface CategoryDef {
  readonly path: string;
  /** Median unit price in pounds. */
  readonly median: number;
  /** Popularity of the category as a whole. */
  readonly weight: number;
  readonly extraQuantity: number;
  /** Products, most popular first. */
  readonly names: readonly string[];
}

const CATEGORIES: readonly CategoryDef[] = [
  { path: 'Grocery/Coffee & Tea', median: 9, weight: 9, extraQuantity: 0.6, names: ['Espresso Beans 1kg', 'House Blend Ground Coffee', 'Coffee Pods (20)', 'English Breakfast Tea (80)', 'Decaf Coffee Beans', 'Cold Brew Concentrate', 'Ethiopia Single Origin Beans', 'Green Tea Sencha'] },
  { path: 'Grocery/Pantry', median: 3.5, weight: 8, extraQuantity: 0.9, names: ['Spaghetti 500g', 'Tomato Pasta Sauce', 'Extra Virgin Olive Oil', 'Basmati Rice 2kg', 'Peanut Butter Crunchy', 'Chickpeas Tin', 'Balsamic Vinegar', 'Sea Salt Flakes'] },
  { path: 'Grocery/Snacks', median: 2.8, weight: 8, extraQuantity: 0.9, names: ['Dark Chocolate 70%', 'Sea Salt Crisps', 'Salted Almonds', 'Granola Bar Box', 'Oat Cookies', 'Dried Mango', 'Popcorn Sweet & Salty', 'Rice Cakes'] },
  { path: 'Grocery/Breakfast', median: 3.5, weight: 6, extraQuantity: 0.7, names: ['Porridge Oats 1kg', 'Wildflower Honey', 'Almond Milk 1L', 'Honey Granola', 'Strawberry Jam', 'Corn Flakes', 'Muesli Fruit & Nut', 'Maple Syrup'] },
  { path: 'Home/Kitchen/Cookware', median: 32, weight: 2.5, extraQuantity: 0.05, names: ['Non-stick Frying Pan 28cm', 'Chef Knife 20cm', 'Saucepan Set (3)', 'Chopping Board Oak', 'Baking Tray', 'Cast Iron Casserole', 'Wok Carbon Steel', 'Knife Sharpener'] },
  { path: 'Home/Kitchen/Coffee Gear', median: 17, weight: 2.5, extraQuantity: 0.1, names: ['Paper Coffee Filters (100)', 'Pour-over Dripper', 'French Press 1L', 'Travel Mug', 'Milk Frother', 'Descaler Tablets', 'Burr Coffee Grinder', 'Coffee Scale'] },
  { path: 'Home/Decor', median: 22, weight: 2.5, extraQuantity: 0.1, names: ['Scented Candle Fig', 'Linen Cushion Cover', 'Throw Blanket', 'Ceramic Vase', 'Photo Frame A4', 'Table Lamp', 'Wall Clock', 'Artificial Plant'] },
  { path: 'Home/Cleaning', median: 4.5, weight: 5, extraQuantity: 0.6, names: ['Laundry Capsules (30)', 'Dishwasher Tablets (40)', 'Dish Soap Lemon', 'Multi-surface Spray', 'Microfibre Cloths (6)', 'Bin Bags (50)', 'Sponge Scourers', 'Glass Cleaner'] },
  { path: 'Home/Bath', median: 16, weight: 2, extraQuantity: 0.2, names: ['Bath Towel Cotton', 'Hand Towel Set', 'Bath Mat', 'Soap Dispenser', 'Shower Curtain', 'Bathrobe', 'Toothbrush Holder', 'Laundry Basket'] },
  { path: 'Beauty/Skincare', median: 15, weight: 4, extraQuantity: 0.1, names: ['Daily Moisturiser SPF30', 'Micellar Water', 'Hyaluronic Serum', 'Gentle Cleanser', 'Lip Balm', 'Night Cream', 'Clay Face Mask', 'Eye Cream'] },
  { path: 'Beauty/Hair', median: 7, weight: 4, extraQuantity: 0.2, names: ['Shampoo Repair', 'Conditioner Repair', 'Dry Shampoo', 'Hair Mask', 'Hair Oil Argan', 'Hair Ties (20)', 'Styling Gel', 'Wide-tooth Comb'] },
  { path: 'Beauty/Fragrance', median: 36, weight: 1.5, extraQuantity: 0.02, names: ['Eau de Parfum Citrus 50ml', 'Body Mist Vanilla', 'Eau de Toilette Wood 100ml', 'Perfume Discovery Set', 'Scented Body Lotion', 'Roll-on Perfume Rose', 'Aftershave Balm', 'Solid Perfume'] },
  { path: 'Electronics/Audio/Headphones', median: 45, weight: 2, extraQuantity: 0.02, names: ['Wireless Earbuds', 'Over-ear Headphones ANC', 'Wired Earphones', 'Sport Earphones', 'Headphone Case', 'Kids Headphones', 'Earbud Tips Set', 'Headphone Stand'] },
  { path: 'Electronics/Audio/Speakers', median: 55, weight: 1.2, extraQuantity: 0.02, names: ['Bluetooth Speaker Mini', 'Smart Speaker', 'Waterproof Speaker', 'Soundbar', 'Bookshelf Speakers', 'Party Speaker', 'Aux Cable 1m', 'Speaker Wall Mount'] },
  { path: 'Electronics/Phone Accessories', median: 14, weight: 4, extraQuantity: 0.1, names: ['Phone Case Clear', 'Screen Protector Glass', 'USB-C Cable 2m', 'Fast Charger 30W', 'Power Bank 10000mAh', 'Wireless Charging Pad', 'Car Phone Mount', 'Pop Grip'] },
  { path: 'Electronics/Computer', median: 32, weight: 2, extraQuantity: 0.03, names: ['Wireless Mouse', 'Mouse Pad XL', 'USB-C Hub', 'Laptop Stand', 'Mechanical Keyboard', 'Webcam HD', 'Laptop Sleeve 14"', 'External SSD 1TB'] },
  { path: 'Fashion/Women', median: 27, weight: 3, extraQuantity: 0.1, names: ['Cotton T-shirt Women', 'High-waist Jeans', 'Summer Dress', 'Knit Cardigan', 'Ankle Socks (5)', 'Silk Scarf', 'Wool Beanie', 'Leather Belt Women'] },
  { path: 'Fashion/Men', median: 29, weight: 2.5, extraQuantity: 0.1, names: ['Oxford Shirt', 'Slim Jeans Men', 'Chino Trousers', 'Crew Neck Jumper', 'Polo Shirt', 'Boxer Briefs (3)', 'Sports Socks (5)', 'Leather Belt Men'] },
  { path: 'Fashion/Shoes', median: 52, weight: 2, extraQuantity: 0.02, names: ['White Sneakers', 'Running Shoes', 'Slippers', 'Chelsea Boots', 'Sandals', 'Loafers', 'Insoles Memory Foam', 'Shoe Cleaner Kit'] },
  { path: 'Sports/Fitness', median: 19, weight: 2.5, extraQuantity: 0.05, names: ['Yoga Mat', 'Resistance Bands Set', 'Dumbbells 2x5kg', 'Foam Roller', 'Jump Rope', 'Kettlebell 12kg', 'Shaker Bottle', 'Gym Towel'] },
  { path: 'Sports/Outdoor', median: 26, weight: 1.8, extraQuantity: 0.05, names: ['Water Bottle Steel', 'Hiking Backpack 30L', 'Insulated Flask', 'Rain Jacket', 'Headlamp', 'Picnic Blanket', 'Camping Mug', 'Trekking Poles'] },
  { path: 'Sports/Nutrition', median: 19, weight: 3, extraQuantity: 0.5, names: ['Whey Protein Vanilla 1kg', 'Protein Bars (12)', 'Electrolyte Tablets', 'Vegan Protein Chocolate', 'Creatine 300g', 'Energy Gels (6)', 'Oat Protein Bites', 'BCAA Powder'] },
  { path: 'Kids/Toys', median: 19, weight: 2.5, extraQuantity: 0.05, names: ['Building Blocks Set', 'Plush Bear', 'Puzzle 100 Pieces', 'Art & Craft Kit', 'Board Game Family', 'Wooden Train Set', 'Remote Control Car', 'Bubble Machine'] },
  { path: 'Kids/Baby', median: 8.5, weight: 3, extraQuantity: 0.8, names: ['Nappies Size 3 (60)', 'Baby Wipes (4x56)', 'Nappy Cream', 'Baby Shampoo', 'Muslin Cloths (3)', 'Baby Bottle', 'Teething Ring', 'Baby Sleepsuit'] },
  { path: 'Pets/Dog', median: 11, weight: 3, extraQuantity: 0.5, names: ['Dog Food Adult 6kg', 'Dental Sticks (28)', 'Dog Treats Chicken', 'Poo Bags (120)', 'Chew Toy', 'Dog Lead', 'Dog Shampoo', 'Dog Bed Medium'] },
  { path: 'Pets/Cat', median: 8.5, weight: 3, extraQuantity: 0.6, names: ['Cat Food Pouches (12)', 'Cat Litter 10L', 'Cat Dry Food 2kg', 'Cat Treats Salmon', 'Cat Toy Mouse Set', 'Scratching Post', 'Cat Bowl Ceramic', 'Hairball Paste'] },
];

/** Top-level categories, in catalogue order. */
export const TOP_CATEGORIES: readonly string[] = [...new Set(CATEGORIES.map((c) => c.path.split('/')[0]))];

/** The planted "bought together" pairs. */
export const PRODUCT_PAIRS: readonly ProductPair[] = [
  { first: 'Shampoo Repair', second: 'Conditioner Repair', probability: 0.6 },
  { first: 'Phone Case Clear', second: 'Screen Protector Glass', probability: 0.55 },
  { first: 'Spaghetti 500g', second: 'Tomato Pasta Sauce', probability: 0.5 },
  { first: 'Pour-over Dripper', second: 'Paper Coffee Filters (100)', probability: 0.6 },
  { first: 'Nappies Size 3 (60)', second: 'Baby Wipes (4x56)', probability: 0.6 },
  { first: 'Dog Food Adult 6kg', second: 'Dental Sticks (28)', probability: 0.45 },
  { first: 'Cat Food Pouches (12)', second: 'Cat Litter 10L', probability: 0.45 },
  { first: 'Whey Protein Vanilla 1kg', second: 'Shaker Bottle', probability: 0.45 },
  { first: 'Yoga Mat', second: 'Resistance Bands Set', probability: 0.4 },
  { first: 'Wireless Mouse', second: 'Mouse Pad XL', probability: 0.4 },
  { first: 'Porridge Oats 1kg', second: 'Wildflower Honey', probability: 0.4 },
  { first: 'Running Shoes', second: 'Sports Socks (5)', probability: 0.4 },
];

/** The catalogue with its sampling tables. */
export interface Catalog {
  readonly products: readonly Product[];
  /** Cumulative popularity over all products. */
  readonly overall: Float64Array;
  /** Per top category: its product indices and their cumulative popularity. */
  readonly byTop: readonly { readonly products: Int32Array; readonly cumulative: Float64Array }[];
  /** Per product: the partner index and probability, or -1. */
  readonly partner: Int32Array;
  readonly partnerProbability: Float64Array;
}

let cached: Catalog | null = null;

/** The (immutable, shared) catalogue. */
export function catalog(): Catalog {
  if (cached) return cached;
  const rng = new Rng(20240701, 7);
  const products: Product[] = [];
  for (const def of CATEGORIES) {
    const top = TOP_CATEGORIES.indexOf(def.path.split('/')[0]);
    def.names.forEach((name, rank) => {
      const pounds = def.median * Math.exp(0.45 * rng.normal());
      products.push({
        index: products.length,
        name,
        category: def.path,
        top,
        priceCents: retailPrice(pounds),
        extraQuantity: def.extraQuantity,
        // Zipf-like inside a category: the first product sells about 4x the last.
        weight: def.weight / Math.pow(rank + 1, 0.7),
      });
    });
  }
  const overall = cumulative(products.map((p) => p.weight));
  const byTop = TOP_CATEGORIES.map((_, top) => {
    const members = products.filter((p) => p.top === top);
    return { products: Int32Array.from(members.map((p) => p.index)), cumulative: cumulative(members.map((p) => p.weight)) };
  });
  const partner = new Int32Array(products.length).fill(-1);
  const partnerProbability = new Float64Array(products.length);
  const byName = new Map(products.map((p) => [p.name, p.index]));
  for (const pair of PRODUCT_PAIRS) {
    const first = byName.get(pair.first);
    const second = byName.get(pair.second);
    if (first === undefined || second === undefined) throw new Error(`catalog: unknown product in pair ${pair.first} + ${pair.second}`);
    partner[first] = second;
    partnerProbability[first] = pair.probability;
  }
  cached = { products, overall, byTop, partner, partnerProbability };
  return cached;
}

/** Shop-style price in cents: .99 endings, .49 below 5 pounds now and then, never below 0.99. */
function retailPrice(pounds: number): number {
  if (pounds < 5) return Math.max(99, Math.round(pounds * 2) * 50 - 1);
  return Math.round(pounds) * 100 - 1;
}
