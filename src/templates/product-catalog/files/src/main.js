// DOM glue for the shop: loads products.json, renders the filtered grid and the cart, saves the cart to localStorage.
import { addToCart, cartCount, cartLines, cartTotals, discountForCode, parseCart, removeFromCart, setQuantity } from './lib/cart.js';
import { filterProducts, listCategories, sortProducts } from './lib/catalog.js';
import { formatMoney } from './lib/money.js';

const CART_KEY = 'product-catalog.cart';
const DISCOUNT_KEY = 'product-catalog.discount';
const TAX_PERCENT = 8;

const $ = (selector) => document.querySelector(selector);
const grid = $('#product-grid');
const search = $('#search');
const categorySelect = $('#category');
const sortSelect = $('#sort');
const resultCount = $('#result-count');
const lineList = $('#cart-lines');
const discountInput = $('#discount-code');
const discountMessage = $('#discount-message');

let products = [];
let cart = parseCart(readStorage(CART_KEY));
let discount = readDiscount();

function readStorage(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the cart lives for this visit only
  }
}

function writeStorage(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage full or blocked: keep working in memory
  }
}

function readDiscount() {
  const code = readStorage(DISCOUNT_KEY);
  if (!code) return null;
  try {
    return discountForCode(code);
  } catch {
    return null; // a code that no longer exists is dropped silently
  }
}

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function productCard(product) {
  const button = element('button', { type: 'button', className: 'add', textContent: 'Add to cart' });
  button.dataset.add = product.id;
  button.setAttribute('aria-label', `Add ${product.name} to cart`);
  const thumb = element('div', { className: 'thumb', textContent: product.icon ?? '' });
  thumb.setAttribute('aria-hidden', 'true');
  return element('li', { className: 'product' }, [
    thumb,
    element('p', { className: 'category', textContent: product.category }),
    element('h3', { textContent: product.name }),
    element('p', { className: 'description', textContent: product.description }),
    element('div', { className: 'buy' }, [element('span', { className: 'price', textContent: formatMoney(product.price) }), button]),
  ]);
}

function renderProducts() {
  const shown = sortProducts(filterProducts(products, search.value, categorySelect.value), sortSelect.value);
  grid.replaceChildren(...shown.map(productCard));
  resultCount.textContent = shown.length === 1 ? '1 product' : `${shown.length} products`;
}

function cartLine(line) {
  const quantity = element('input', { type: 'number', min: '0', max: '99', value: String(line.quantity), className: 'qty' });
  quantity.dataset.quantity = line.id;
  quantity.setAttribute('aria-label', `Quantity of ${line.name}`);
  const remove = element('button', { type: 'button', className: 'remove', textContent: 'Remove' });
  remove.dataset.remove = line.id;
  remove.setAttribute('aria-label', `Remove ${line.name}`);
  return element('li', { className: 'line' }, [
    element('div', {}, [element('p', { className: 'name', textContent: line.name }), element('p', { className: 'muted', textContent: `${formatMoney(line.price)} each` })]),
    quantity,
    element('span', { className: 'line-total', textContent: formatMoney(line.total) }),
    remove,
  ]);
}

function renderCart() {
  const lines = cartLines(cart, products);
  lineList.replaceChildren(...lines.map(cartLine));
  $('#cart-empty').hidden = lines.length > 0;
  $('#cart-count').textContent = String(cartCount(lines));
  const totals = cartTotals(lines, discount?.percent ?? 0, TAX_PERCENT);
  $('#subtotal').textContent = formatMoney(totals.subtotal);
  $('#discount').textContent = totals.discount ? formatMoney(-totals.discount) : formatMoney(0);
  $('#tax').textContent = formatMoney(totals.tax);
  $('#total').textContent = formatMoney(totals.total);
  $('#checkout').disabled = lines.length === 0;
}

function updateCart(next) {
  cart = next;
  writeStorage(CART_KEY, JSON.stringify(cart));
  renderCart();
}

function showDiscount() {
  discountInput.value = discount?.code ?? '';
  discountMessage.classList.remove('error');
  discountMessage.textContent = discount ? `${discount.code}: ${discount.percent}% off applied.` : 'Try SAVE10 for 10% off.';
}

for (const control of [search, categorySelect, sortSelect]) control.addEventListener('input', renderProducts);
$('#filters').addEventListener('submit', (event) => event.preventDefault());

grid.addEventListener('click', (event) => {
  const button = event.target.closest('[data-add]');
  if (button) updateCart(addToCart(cart, button.dataset.add));
});

lineList.addEventListener('change', (event) => {
  const id = event.target.dataset.quantity;
  if (!id) return;
  try {
    updateCart(setQuantity(cart, id, Number(event.target.value)));
  } catch {
    renderCart(); // not a valid quantity: show the line as it was
  }
});

lineList.addEventListener('click', (event) => {
  const button = event.target.closest('[data-remove]');
  if (button) updateCart(removeFromCart(cart, button.dataset.remove));
});

$('#discount-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    discount = discountForCode(discountInput.value);
  } catch (err) {
    discount = null;
    writeStorage(DISCOUNT_KEY, null);
    renderCart();
    discountMessage.textContent = err.message;
    discountMessage.classList.add('error');
    return;
  }
  writeStorage(DISCOUNT_KEY, discount.code);
  showDiscount();
  renderCart();
});

$('#checkout').addEventListener('click', () => {
  $('#checkout-message').textContent = 'This is a demo store: checkout is not connected to a payment provider.';
});

async function loadProducts() {
  const response = await fetch('products.json');
  if (!response.ok) throw new Error(`products.json answered ${response.status}`);
  return response.json();
}

showDiscount();
loadProducts()
  .then((loaded) => {
    products = loaded;
    categorySelect.append(...listCategories(products).map((category) => element('option', { value: category, textContent: category })));
    renderProducts();
    renderCart();
  })
  .catch(() => {
    resultCount.textContent = 'Could not load products. Please refresh the page.';
  });
