/** A small calculator: a tokenizer and a recursive-descent parser for + - * / and parentheses, never eval. */

const OPERATORS = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };

/** Splits an expression into number, op and paren tokens: tokenize('2*(3)') → [{ type: 'number', value: 2 }, …]. */
export function tokenize(expression) {
  const tokens = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index];
    if (/\s/.test(char)) {
      index += 1;
    } else if (/[\d.]/.test(char)) {
      const match = /^\d*\.?\d*/.exec(expression.slice(index))[0];
      if (match === '.' || /\.\d*\./.test(expression.slice(index, index + match.length + 1))) {
        throw new Error(`invalid number at position ${index + 1}`);
      }
      tokens.push({ type: 'number', value: Number(match) });
      index += match.length;
    } else if (Object.hasOwn(OPERATORS, char)) {
      tokens.push({ type: 'op', value: OPERATORS[char] });
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: 'paren', value: char });
      index += 1;
    } else {
      throw new Error(`unexpected character "${char}" at position ${index + 1}`);
    }
  }
  return tokens;
}

/** Evaluates an arithmetic expression with the usual precedence, to 12 significant digits: evaluate('2 + 3 * (4 - 1)') === 11. */
export function evaluate(expression) {
  const tokens = tokenize(expression);
  if (tokens.length === 0) throw new Error('empty expression');
  let position = 0;
  const peek = () => tokens[position];
  const describe = (token) => (token ? `"${token.value}"` : 'end of expression');

  function parseExpression() {
    let value = parseTerm();
    while (peek()?.type === 'op' && (peek().value === '+' || peek().value === '-')) {
      const operator = tokens[position++].value;
      const right = parseTerm();
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }

  function parseTerm() {
    let value = parseFactor();
    while (peek()?.type === 'op' && (peek().value === '*' || peek().value === '/')) {
      const operator = tokens[position++].value;
      const right = parseFactor();
      if (operator === '/' && right === 0) throw new Error('division by zero');
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  }

  function parseFactor() {
    const token = tokens[position++];
    if (token?.type === 'number') return token.value;
    if (token?.type === 'op' && (token.value === '-' || token.value === '+')) {
      const operand = parseFactor();
      return token.value === '-' ? -operand : operand;
    }
    if (token?.type === 'paren' && token.value === '(') {
      const value = parseExpression();
      if (peek()?.value !== ')') throw new Error('missing closing parenthesis');
      position += 1;
      return value;
    }
    throw new Error(`unexpected ${describe(token)}`);
  }

  const result = parseExpression();
  if (position < tokens.length) throw new Error(`unexpected ${describe(peek())}`);
  return Number(result.toPrecision(12)) + 0;
}
