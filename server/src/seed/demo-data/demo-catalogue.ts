/** The demo shop's fixed catalogue and name lists (what the generator draws from). */

export interface DemoProduct {
  product_id: string;
  sku: string;
  name: string;
  category: string;
  price: number;
}

const CATALOGUE: Record<string, [string, number][]> = {
  Coffee: [
    ['House Blend Beans 1kg', 24.9],
    ['Single Origin Ethiopia 250g', 12.5],
    ['Decaf Colombia 500g', 14.9],
    ['Espresso Roast 1kg', 26.0],
    ['Cold Brew Pack', 9.9],
  ],
  Tea: [
    ['Sencha Green Tea', 8.5],
    ['Earl Grey Loose Leaf', 7.9],
    ['Chamomile Blossoms', 6.5],
    ['Matcha Ceremonial 30g', 19.9],
    ['Chai Spice Blend', 9.5],
  ],
  Brewing: [
    ['Pour-Over Dripper', 29.0],
    ['French Press 1L', 39.0],
    ['Burr Grinder', 129.0],
    ['Gooseneck Kettle', 59.0],
    ['Paper Filters x100', 5.9],
  ],
  Mugs: [
    ['Stoneware Mug', 16.0],
    ['Double-Wall Glass', 18.5],
    ['Travel Tumbler', 24.0],
    ['Espresso Cup Set', 22.0],
    ['Teapot 800ml', 34.0],
  ],
  Snacks: [
    ['Almond Biscotti', 6.9],
    ['Dark Chocolate 70%', 4.5],
    ['Shortbread Tin', 11.0],
    ['Honey Granola', 7.5],
    ['Salted Caramel Wafers', 5.5],
  ],
  Subscriptions: [
    ['Monthly Coffee Box', 35.0],
    ['Tea Discovery Box', 29.0],
    ['Gift Card 50', 50.0],
    ['Barista Workshop', 79.0],
    ['Gift Card 25', 25.0],
  ],
};

export const DEMO_CATEGORIES: readonly string[] = Object.keys(CATALOGUE);

export const DEMO_PRODUCTS: readonly DemoProduct[] = Object.entries(CATALOGUE).flatMap(
  ([category, items], c) =>
    items.map(([name, price], i) => ({
      product_id: `p${c + 1}${i + 1}`,
      sku: `${category.slice(0, 3).toUpperCase()}-${String(100 + i)}`,
      name,
      category,
      price,
    })),
);

export const DEMO_FIRST_NAMES: readonly string[] = [
  'Ada',
  'Ben',
  'Chloe',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kenji',
  'Lena',
  'Mateo',
  'Nora',
  'Omar',
  'Paula',
  'Quentin',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Minji',
  'Lucas',
  'Amara',
  'Noah',
];

export const DEMO_LAST_NAMES: readonly string[] = [
  'Smith',
  'Garcia',
  'Muller',
  'Rossi',
  'Kim',
  'Nakamura',
  'Dubois',
  'Novak',
  'Silva',
  'Jensen',
  'Kowalski',
  'Haddad',
  'Okafor',
  'Larsen',
  'Moreau',
  'Park',
  'Fischer',
  'Costa',
  'Ivanova',
  'Brown',
];

export const DEMO_CITIES: readonly { city: string; country: string }[] = [
  { city: 'Berlin', country: 'DE' },
  { city: 'Hamburg', country: 'DE' },
  { city: 'Paris', country: 'FR' },
  { city: 'Lyon', country: 'FR' },
  { city: 'Madrid', country: 'ES' },
  { city: 'Barcelona', country: 'ES' },
  { city: 'Milan', country: 'IT' },
  { city: 'Amsterdam', country: 'NL' },
  { city: 'London', country: 'GB' },
  { city: 'Manchester', country: 'GB' },
  { city: 'Seoul', country: 'KR' },
  { city: 'Busan', country: 'KR' },
  { city: 'New York', country: 'US' },
  { city: 'Austin', country: 'US' },
  { city: 'Toronto', country: 'CA' },
  { city: 'Sydney', country: 'AU' },
];

export const DEMO_PLANS = ['free', 'plus', 'premium'] as const;
