// DOM glue for the blog: loads posts.json, routes on the location hash and renders the list, tags and posts.
import { escapeHtml, renderMarkdown } from './lib/markdown.js';
import { collectTags, filterByTag, formatDate, parseRoute, readingTime, searchPosts, sortPosts } from './lib/posts.js';

const SITE_TITLE = '{{app.name}}';

const listView = document.querySelector('#list-view');
const listHeading = document.querySelector('#list-heading');
const postList = document.querySelector('#post-list');
const postView = document.querySelector('#post-view');
const tagList = document.querySelector('#tag-list');
const search = document.querySelector('#search');
const status = document.querySelector('#status');

let posts = [];

const tagHref = (tag) => `#/tag/${encodeURIComponent(tag)}`;

function tagLinks(tags) {
  return tags.map((tag) => `<a class="tag" href="${escapeHtml(tagHref(tag))}">#${escapeHtml(tag)}</a>`).join(' ');
}

function postMeta(post) {
  return `<time datetime="${escapeHtml(post.date)}">${formatDate(post.date)}</time> · ${readingTime(post.body)} min read`;
}

function renderTags(activeTag) {
  const all = `<a href="#/"${activeTag ? '' : ' aria-current="page"'}>All posts <span>${posts.length}</span></a>`;
  const links = collectTags(posts).map(({ tag, count }) => {
    const current = tag === activeTag ? ' aria-current="page"' : '';
    return `<a href="${escapeHtml(tagHref(tag))}"${current}>#${escapeHtml(tag)} <span>${count}</span></a>`;
  });
  tagList.innerHTML = [all, ...links].join('');
}

function renderList(tag) {
  const shown = searchPosts(filterByTag(posts, tag), search.value);
  listHeading.textContent = tag ? `Posts tagged #${tag}` : 'Latest posts';
  postList.innerHTML = shown
    .map((post) => `
      <li class="post-card">
        <h2><a href="#/post/${escapeHtml(encodeURIComponent(post.slug))}">${escapeHtml(post.title)}</a></h2>
        <p class="meta">${postMeta(post)}</p>
        <p>${escapeHtml(post.summary)}</p>
        <p class="tags">${tagLinks(post.tags)}</p>
      </li>`)
    .join('');
  status.textContent = shown.length ? '' : 'No posts match. Try another word or tag.';
  document.title = tag ? `#${tag} · ${SITE_TITLE}` : SITE_TITLE;
}

function renderPost(slug) {
  const post = posts.find((candidate) => candidate.slug === slug);
  if (!post) {
    postView.innerHTML = '<h1>Post not found</h1><p><a href="#/">Back to all posts</a></p>';
    document.title = `Not found · ${SITE_TITLE}`;
    return;
  }
  postView.innerHTML = `
    <a class="back" href="#/">← All posts</a>
    <header>
      <h1>${escapeHtml(post.title)}</h1>
      <p class="meta">${postMeta(post)}</p>
      <p class="tags">${tagLinks(post.tags)}</p>
    </header>
    <div class="prose">${renderMarkdown(post.body)}</div>`;
  document.title = `${post.title} · ${SITE_TITLE}`;
}

function route() {
  const current = parseRoute(location.hash);
  listView.hidden = current.view !== 'list';
  postView.hidden = current.view !== 'post';
  renderTags(current.view === 'list' ? current.tag : null);
  if (current.view === 'post') {
    renderPost(current.slug);
    window.scrollTo(0, 0);
  } else {
    renderList(current.tag);
  }
}

async function loadPosts() {
  const response = await fetch('posts.json');
  if (!response.ok) throw new Error(`posts.json answered ${response.status}`);
  return sortPosts(await response.json());
}

window.addEventListener('hashchange', route);
search.addEventListener('input', route);

loadPosts()
  .then((loaded) => {
    posts = loaded;
    route();
  })
  .catch(() => {
    status.textContent = 'Could not load posts. Please refresh the page.';
  });
