/** Which names each part of a module can see, and what every name it uses refers to, from acorn's tree. */
import type { AnonymousFunctionDeclaration, AnyNode, ArrowFunctionExpression, Class, FunctionDeclaration, FunctionExpression, Identifier, Pattern, Program } from 'acorn';

export type BindingKind = 'var' | 'let' | 'const' | 'function' | 'class' | 'param' | 'import' | 'catch';

/** A declared name. `declaration` is the statement that declares it (the `VariableDeclaration` for var, let and const). */
export interface Binding {
  name: string;
  kind: BindingKind;
  identifier: Identifier;
  declaration: AnyNode;
}

export interface Scope {
  node: AnyNode;
  parent: Scope | null;
  /** A function's or the module's scope, where `var` lands. */
  isFunction: boolean;
  bindings: Map<string, Binding>;
}

/** A use of a name: read, or written when assigned to. `binding` is null for a name declared nowhere in the module. */
export interface Reference {
  identifier: Identifier;
  scope: Scope;
  binding: Binding | null;
  write: boolean;
}

export interface ScopeAnalysis {
  module: Scope;
  references: Reference[];
}

type FunctionNode = FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

type PatternMode = { kind: BindingKind; declaration: AnyNode; target: Scope } | 'assign';

/**
 * Builds the scopes of a module (module, function, block, catch, for, class name) and resolves
 * every name it uses. Modules are strict, so a function declared in a block belongs to the block.
 *
 * @example analyseScopes(parseProgram('let a = 1; b = a;')).references.map((r) => [r.identifier.name, r.binding?.kind ?? null])
 * // [['b', null], ['a', 'let']]
 */
export function analyseScopes(program: Program): ScopeAnalysis {
  const analyser = new Analyser(program);
  for (const statement of program.body) analyser.visit(statement, analyser.module);
  return { module: analyser.module, references: analyser.resolve() };
}

/** Every binding visible from `scope`, nearest first; a shadowed name appears once, as its nearest binding. */
export function visibleBindings(scope: Scope): Binding[] {
  const seen = new Set<string>();
  const visible: Binding[] = [];
  for (let current: Scope | null = scope; current; current = current.parent) {
    for (const binding of current.bindings.values()) {
      if (seen.has(binding.name)) continue;
      seen.add(binding.name);
      visible.push(binding);
    }
  }
  return visible;
}

class Analyser {
  readonly module: Scope;
  private readonly uses: Omit<Reference, 'binding'>[] = [];

  constructor(program: Program) {
    this.module = newScope(program, null, true);
  }

  resolve(): Reference[] {
    return this.uses.map((use) => ({ ...use, binding: lookup(use.scope, use.identifier.name) }));
  }

  visit(node: AnyNode, scope: Scope): void {
    switch (node.type) {
      case 'Identifier':
        this.use(node, scope, false);
        return;
      case 'FunctionDeclaration':
        if (node.id) declare(scope, node.id, 'function', node);
        this.visitFunction(node, scope);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.visitFunction(node, scope);
        return;
      case 'ClassDeclaration':
        if (node.id) declare(scope, node.id, 'class', node);
        this.visitClass(node, scope);
        return;
      case 'ClassExpression': {
        const inner = node.id ? newScope(node, scope, false) : scope;
        if (node.id) declare(inner, node.id, 'class', node);
        this.visitClass(node, inner);
        return;
      }
      case 'VariableDeclaration': {
        const target = node.kind === 'var' ? functionScopeOf(scope) : scope;
        const kind = node.kind === 'var' ? 'var' : node.kind === 'const' ? 'const' : 'let';
        for (const declarator of node.declarations) {
          this.visitPattern(declarator.id, scope, { kind, declaration: node, target });
          if (declarator.init) this.visit(declarator.init, scope);
        }
        return;
      }
      case 'BlockStatement':
      case 'StaticBlock': {
        const inner = newScope(node, scope, false);
        for (const statement of node.body) this.visit(statement, inner);
        return;
      }
      case 'ForStatement': {
        const inner = newScope(node, scope, false);
        for (const part of [node.init, node.test, node.update, node.body]) if (part) this.visit(part, inner);
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const inner = newScope(node, scope, false);
        if (node.left.type === 'VariableDeclaration') this.visit(node.left, inner);
        else this.visitPattern(node.left, inner, 'assign');
        this.visit(node.right, inner);
        this.visit(node.body, inner);
        return;
      }
      case 'CatchClause': {
        const inner = newScope(node, scope, false);
        if (node.param) this.visitPattern(node.param, inner, { kind: 'catch', declaration: node, target: inner });
        for (const statement of node.body.body) this.visit(statement, inner);
        return;
      }
      case 'SwitchStatement': {
        this.visit(node.discriminant, scope);
        const inner = newScope(node, scope, false);
        for (const switchCase of node.cases) this.visit(switchCase, inner);
        return;
      }
      case 'ImportDeclaration':
        for (const specifier of node.specifiers) declare(this.module, specifier.local, 'import', node);
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) this.visit(node.declaration, scope);
        else if (!node.source) for (const specifier of node.specifiers) if (specifier.local.type === 'Identifier') this.use(specifier.local, scope, false);
        return;
      case 'ExportDefaultDeclaration':
        this.visit(node.declaration, scope);
        return;
      case 'MemberExpression':
        this.visit(node.object, scope);
        if (node.computed) this.visit(node.property, scope);
        return;
      case 'Property':
        if (node.computed) this.visit(node.key, scope);
        this.visit(node.value, scope);
        return;
      case 'LabeledStatement':
        this.visit(node.body, scope);
        return;
      case 'AssignmentExpression':
        this.visitPattern(node.left, scope, 'assign');
        this.visit(node.right, scope);
        return;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') this.use(node.argument, scope, true);
        else this.visit(node.argument, scope);
        return;
      case 'ExportAllDeclaration':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateIdentifier':
        return;
      default:
        for (const child of childNodes(node)) this.visit(child, scope);
    }
  }

  private visitFunction(node: FunctionNode, scope: Scope): void {
    const inner = newScope(node, scope, true);
    if (node.type === 'FunctionExpression' && node.id) declare(inner, node.id, 'function', node);
    for (const param of node.params) this.visitPattern(param, inner, { kind: 'param', declaration: node, target: inner });
    if (node.body.type === 'BlockStatement') for (const statement of node.body.body) this.visit(statement, inner);
    else this.visit(node.body, inner);
  }

  private visitClass(node: Class, scope: Scope): void {
    if (node.superClass) this.visit(node.superClass, scope);
    for (const member of node.body.body) {
      if (member.type === 'StaticBlock') {
        this.visit(member, scope);
        continue;
      }
      if (member.computed) this.visit(member.key, scope);
      if (member.value) this.visit(member.value, scope);
    }
  }

  private visitPattern(node: Pattern, scope: Scope, mode: PatternMode): void {
    switch (node.type) {
      case 'Identifier':
        if (mode === 'assign') this.use(node, scope, true);
        else declare(mode.target, node, mode.kind, mode.declaration);
        return;
      case 'ObjectPattern':
        for (const property of node.properties) {
          if (property.type === 'RestElement') {
            this.visitPattern(property.argument, scope, mode);
            continue;
          }
          if (property.computed) this.visit(property.key, scope);
          this.visitPattern(property.value, scope, mode);
        }
        return;
      case 'ArrayPattern':
        for (const element of node.elements) if (element) this.visitPattern(element, scope, mode);
        return;
      case 'RestElement':
        this.visitPattern(node.argument, scope, mode);
        return;
      case 'AssignmentPattern':
        this.visitPattern(node.left, scope, mode);
        this.visit(node.right, scope);
        return;
      case 'MemberExpression':
        this.visit(node, scope);
        return;
    }
  }

  private use(identifier: Identifier, scope: Scope, write: boolean): void {
    this.uses.push({ identifier, scope, write });
  }
}

function newScope(node: AnyNode, parent: Scope | null, isFunction: boolean): Scope {
  return { node, parent, isFunction, bindings: new Map() };
}

function declare(scope: Scope, identifier: Identifier, kind: BindingKind, declaration: AnyNode): void {
  if (!scope.bindings.has(identifier.name)) scope.bindings.set(identifier.name, { name: identifier.name, kind, identifier, declaration });
}

function functionScopeOf(scope: Scope): Scope {
  let current = scope;
  while (!current.isFunction && current.parent) current = current.parent;
  return current;
}

function lookup(scope: Scope, name: string): Binding | null {
  for (let current: Scope | null = scope; current; current = current.parent) {
    const binding = current.bindings.get(name);
    if (binding) return binding;
  }
  return null;
}

function childNodes(node: AnyNode): AnyNode[] {
  const children: AnyNode[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
