/**
 * Gated words never leave the server for a reader who does not qualify, by any channel: a canary
 * sits in a gated post, a gated section, a gated section inside a synced pattern, one in the
 * theme's footer template part, footnotes of a gated post and of a gated section, and a comment
 * on the gated post; an anonymous visitor, a logged-in subscriber without holdings, and a
 * contributor and an author (who may read patterns, template parts and render blocks over REST)
 * then request every way WordPress publishes content and must never receive it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Session } from './http.mjs';

const CANARY = `CANARY-${ Date.now().toString( 36 ) }`;

describe( 'Gated content leaks through no channel', () => {
	const made = {};
	let admin;
	const FOOTNOTE = 'a1b2c3d4-0000-4000-8000-0000000000f1';

	before( async () => {
		admin = await new Session().logIn( 'admin' );
		const section = ( words ) =>
			`<!-- wp:sovereign-press/gated-content {"preset":"citizens"} --><div class="wp-block-sovereign-press-gated-content"><!-- wp:paragraph --><p>${ words }</p><!-- /wp:paragraph --></div><!-- /wp:sovereign-press/gated-content -->`;
		const create = async ( type, data ) => {
			const response = await admin.rest( `/wp/v2/${ type }`, { method: 'POST', data: { status: 'publish', ...data } } );
			assert.equal( response.status, 201, response.text );
			return response.json;
		};
		made.post = await create( 'posts', {
			title: 'Leak test: gated post',
			excerpt: 'A public teaser.',
			content: `<!-- wp:paragraph --><p>${ CANARY }-post-body: the quorum is seventeen.</p><!-- /wp:paragraph -->`,
			meta: { _sovereign_press_gate: { preset: 'citizens', teaser: 'excerpt' } },
		} );
		made.sections = await create( 'posts', {
			title: 'Leak test: gated section',
			content: `<!-- wp:paragraph --><p>Public words.</p><!-- /wp:paragraph -->${ section( `${ CANARY }-section: the runbook is in the ops repository.` ) }`,
		} );
		// Footnotes live in the post's `footnotes` meta, printed by the Footnotes block after the
		// section: one anchored in a gated section, one in a gated post.
		const footnoted = ( words ) =>
			`<!-- wp:paragraph --><p>${ words }<sup data-fn="${ FOOTNOTE }" class="fn"><a href="#${ FOOTNOTE }" id="${ FOOTNOTE }-link">1</a></sup></p><!-- /wp:paragraph -->`;
		const footnotes = ( words ) => JSON.stringify( [ { id: FOOTNOTE, content: `${ CANARY }-footnote ${ words }` } ] );
		made.footnotedSection = await create( 'posts', {
			title: 'Leak test: footnote in a section',
			content: `<!-- wp:paragraph --><p>Public words.</p><!-- /wp:paragraph --><!-- wp:sovereign-press/gated-content {"preset":"citizens"} --><div class="wp-block-sovereign-press-gated-content">${ footnoted(
				'A gated claim.'
			) }</div><!-- /wp:sovereign-press/gated-content --><!-- wp:footnotes /-->`,
			meta: { footnotes: footnotes( 'the source is the treasurer' ) },
		} );
		made.footnotedPost = await create( 'posts', {
			title: 'Leak test: footnote in a gated post',
			content: `${ footnoted( 'A claim.' ) }<!-- wp:footnotes /-->`,
			meta: { footnotes: footnotes( 'the source is the archive' ), _sovereign_press_gate: { preset: 'citizens', teaser: 'none' } },
		} );
		made.pattern = await create( 'blocks', { title: 'Leak test pattern', content: section( `${ CANARY }-pattern` ) } );
		made.page = await create( 'pages', {
			title: 'Leak test: loop and pattern',
			content:
				`<!-- wp:block {"ref":${ made.pattern.id }} /-->` +
				'<!-- wp:query {"queryId":1,"query":{"perPage":20,"postType":"post","inherit":false}} --><div class="wp-block-query"><!-- wp:post-template --><!-- wp:post-title /--><!-- wp:post-content /--><!-- wp:post-excerpt /--><!-- /wp:post-template --></div><!-- /wp:query -->',
		} );
		// Latest Posts prints whole posts, or excerpts, without the_content.
		const latest = ( radio ) =>
			`<!-- wp:latest-posts {"postsToShow":20,"displayPostContent":true,"displayPostContentRadio":"${ radio }"} /-->`;
		made.latest = await create( 'pages', { title: 'Leak test: latest posts in full', content: latest( 'full_post' ) } );
		made.latestExcerpts = await create( 'pages', { title: 'Leak test: latest posts excerpts', content: latest( 'excerpt' ) } );
		// A contributor, for the REST routes open to anyone who may write posts.
		const contributor = await admin.rest( '/wp/v2/users', {
			method: 'POST',
			data: { username: `contributor-${ made.post.id }`, password: 'password', email: `contributor-${ made.post.id }@example.org`, roles: [ 'contributor' ] },
		} );
		assert.equal( contributor.status, 201, contributor.text );
		made.contributor = contributor.json;
		// The theme's footer, overridden with a gated section: it renders on every page.
		made.footer = await admin.rest( '/wp/v2/template-parts', {
			method: 'POST',
			data: { slug: 'footer', theme: 'twentytwentyfive', area: 'footer', title: 'Footer', status: 'publish', content: section( `${ CANARY }-footer` ) },
		} );
		assert.equal( made.footer.status, 201, made.footer.text );
		const comment = await admin.rest( '/wp/v2/comments', {
			method: 'POST',
			data: { post: made.post.id, content: `${ CANARY }-comment`, status: 'approved' },
		} );
		assert.equal( comment.status, 201, comment.text );
	} );

	// Leave the site as the other tests expect it: no gated footer, no leak-test posts.
	after( async () => {
		await admin.rest( `/wp/v2/template-parts/${ encodeURIComponent( made.footer.json.id ) }?force=true`, { method: 'DELETE' } );
		for ( const [ type, item ] of [
			[ 'posts', made.post ],
			[ 'posts', made.sections ],
			[ 'posts', made.footnotedSection ],
			[ 'posts', made.footnotedPost ],
			[ 'pages', made.page ],
			[ 'pages', made.latest ],
			[ 'pages', made.latestExcerpts ],
			[ 'blocks', made.pattern ],
		] ) {
			await admin.rest( `/wp/v2/${ type }/${ item.id }?force=true`, { method: 'DELETE' } );
		}
		await admin.rest( `/wp/v2/users/${ made.contributor.id }?force=true&reassign=1`, { method: 'DELETE' } );
		const footer = await new Session().request( '/hello-world/' );
		assert.equal( footer.text.includes( CANARY ), false, 'The theme footer is back.' );
	} );

	const channels = () => {
		const post = made.post;
		const year = post.date.slice( 0, 4 );
		const xmlrpc = ( method, params ) => ( {
			path: '/xmlrpc.php',
			method: 'POST',
			headers: { 'content-type': 'text/xml' },
			body: `<?xml version="1.0"?><methodCall><methodName>${ method }</methodName><params>${ params
				.map( ( p ) => `<param><value>${ typeof p === 'number' ? `<int>${ p }</int>` : `<string>${ p }</string>` }</value></param>` )
				.join( '' ) }</params></methodCall>`,
		} );
		return [
			post.link,
			`/?p=${ post.id }`,
			made.sections.link,
			made.page.link,
			made.latest.link,
			made.latestExcerpts.link,
			made.footnotedSection.link,
			made.footnotedPost.link,
			`/wp-json/wp/v2/posts/${ made.footnotedSection.id }`,
			`/wp-json/wp/v2/posts/${ made.footnotedPost.id }`,
			`/wp-json/wp/v2/posts/${ made.footnotedSection.id }?_fields=id,meta`,
			`/wp-json/wp/v2/posts/${ made.footnotedPost.id }?_fields=id,meta`,
			'/wp-json/wp/v2/posts?_fields=id,meta',
			`${ made.footnotedSection.link }feed/`,
			'/',
			'/page/2/',
			'/category/uncategorized/',
			'/author/admin/',
			`/${ year }/`,
			// Search pages repeat the query, so they search for words of the gated text instead.
			'/?s=quorum+seventeen',
			'/?s=runbook',
			'/feed/',
			'/feed/atom/',
			'/feed/rdf/',
			'/comments/feed/',
			`${ post.link }feed/`,
			'/?s=quorum&feed=rss2',
			'/author/admin/feed/',
			`${ post.link }embed/`,
			`/wp-json/oembed/1.0/embed?url=${ encodeURIComponent( post.link ) }`,
			`/wp-json/oembed/1.0/embed?url=${ encodeURIComponent( post.link ) }&format=xml`,
			`/?p=${ post.id }&preview=true`,
			'/wp-sitemap.xml',
			'/wp-sitemap-posts-post-1.xml',
			'/wp-sitemap-posts-page-1.xml',
			'/wp-json/wp/v2/posts',
			'/wp-json/wp/v2/posts?_embed',
			`/wp-json/wp/v2/posts?search=${ CANARY }`,
			'/wp-json/wp/v2/posts?search=quorum',
			'/wp-json/wp/v2/posts?_fields=id,content,excerpt,meta',
			'/wp-json/wp/v2/posts?context=edit',
			'/wp-json/wp/v2/posts?context=embed',
			`/wp-json/wp/v2/posts/${ post.id }`,
			`/wp-json/wp/v2/posts/${ post.id }?_fields=content.raw,excerpt.raw`,
			`/wp-json/wp/v2/posts/${ post.id }?context=edit`,
			`/wp-json/wp/v2/posts/${ post.id }/revisions`,
			`/wp-json/wp/v2/posts/${ post.id }/autosaves`,
			`/wp-json/wp/v2/posts/${ made.sections.id }`,
			`/wp-json/wp/v2/pages/${ made.page.id }`,
			`/wp-json/wp/v2/blocks/${ made.pattern.id }`,
			`/wp-json/wp/v2/blocks/${ made.pattern.id }?context=edit`,
			'/wp-json/wp/v2/blocks',
			'/wp-json/wp/v2/blocks?context=edit',
			'/wp-json/wp/v2/template-parts',
			'/wp-json/wp/v2/template-parts?context=edit',
			`/wp-json/wp/v2/template-parts/${ made.footer.json.id }`,
			`/wp-json/wp/v2/template-parts/${ made.footer.json.id }?context=edit`,
			'/wp-json/wp/v2/templates?context=edit',
			'/wp-json/wp/v2/block-renderer/core/latest-posts?context=edit&attributes[postsToShow]=20&attributes[displayPostContent]=true&attributes[displayPostContentRadio]=full_post',
			'/wp-json/wp/v2/block-renderer/core/latest-posts?context=edit&attributes[postsToShow]=20&attributes[displayPostContent]=true&attributes[displayPostContentRadio]=excerpt',
			`/wp-json/wp/v2/block-renderer/core/block?context=edit&attributes[ref]=${ made.pattern.id }`,
			`/wp-json/wp/v2/search?search=${ CANARY }`,
			`/wp-json/wp/v2/search?search=${ CANARY }&_embed`,
			`/wp-json/wp/v2/comments?post=${ post.id }`,
			'/wp-json/wp/v2/comments',
			`/?rest_route=/wp/v2/posts/${ post.id }`,
			xmlrpc( 'wp.getPost', [ 1, 'subscriber', 'password', post.id ] ),
			xmlrpc( 'wp.getPosts', [ 1, 'subscriber', 'password' ] ),
			xmlrpc( 'metaWeblog.getPost', [ post.id, 'subscriber', 'password' ] ),
			xmlrpc( 'metaWeblog.getRecentPosts', [ 1, 'subscriber', 'password', 20 ] ),
			xmlrpc( 'wp.getComments', [ 1, 'subscriber', 'password' ] ),
		];
	};

	// A logged-in session's REST requests carry its nonce, as the editor's do.
	const get = ( session, channel ) => {
		const request = typeof channel === 'string' ? { path: channel } : channel;
		const headers = session.nonce && request.path.startsWith( '/wp-json/' ) ? { ...request.headers, 'x-wp-nonce': session.nonce } : request.headers;
		return session.request( request.path, { ...request, headers } );
	};

	const sweep = async ( session ) => {
		const leaks = [];
		for ( const channel of channels() ) {
			const request = typeof channel === 'string' ? { path: channel } : channel;
			const response = await get( session, request );
			if ( response.text.includes( CANARY ) ) {
				leaks.push( `${ request.method ?? 'GET' } ${ request.path } (HTTP ${ response.status })` );
			}
		}
		return leaks;
	};

	it( 'the canary is there for someone who may read it (the sweep can find it)', async () => {
		const seen = [];
		for ( const [ path, part ] of [
			[ made.post.link, 'post-body' ],
			[ made.sections.link, 'section' ],
			[ made.page.link, 'pattern' ],
			[ made.page.link, 'post-body' ],
			[ '/hello-world/', 'footer' ],
			[ '/feed/', 'post-body' ],
			[ made.latest.link, 'post-body' ],
			[ made.latest.link, 'section' ],
			[ made.footnotedSection.link, 'footnote' ],
			[ made.footnotedPost.link, 'footnote' ],
			[ `/wp-json/wp/v2/posts/${ made.footnotedSection.id }?_fields=id,meta`, 'footnote' ],
			[ `/wp-json/wp/v2/template-parts/${ made.footer.json.id }`, 'footer' ],
			[ `/wp-json/wp/v2/blocks/${ made.pattern.id }`, 'pattern' ],
		] ) {
			if ( ( await get( admin, path ) ).text.includes( `${ CANARY }-${ part }` ) ) {
				seen.push( `${ path } ${ part }` );
			}
		}
		assert.equal( seen.length, 13, `Admin sees the canary on every control page, saw it on: ${ seen.join( ', ' ) }` );
	} );

	it( 'an anonymous visitor never receives it', async () => {
		assert.deepEqual( await sweep( new Session() ), [] );
	} );

	it( 'a logged-in subscriber without holdings never receives it', async () => {
		assert.deepEqual( await sweep( await new Session().logIn( 'subscriber' ) ), [] );
	} );

	it( 'a contributor never receives it', async () => {
		assert.deepEqual( await sweep( await new Session().logIn( made.contributor.username ) ), [] );
	} );

	it( 'an author never receives it', async () => {
		assert.deepEqual( await sweep( await new Session().logIn( 'author' ) ), [] );
	} );

	it( 'gated views tell caches not to keep them, and show the way in', async () => {
		const response = await new Session().request( made.post.link );
		assert.match( response.headers.get( 'cache-control' ) ?? '', /no-store/ );
		assert.match( response.text, /Readers need 1 Citizen NFT on Local chain\./ );
		assert.match( response.text, /A public teaser\./ );
		assert.match( response.text, /wp-block-sovereign-press-wallet-login/ );
		const sitemap = await new Session().request( '/wp-sitemap-posts-post-1.xml' );
		assert.doesNotMatch( sitemap.headers.get( 'cache-control' ) ?? '', /no-store/, 'Sitemaps carry no content and stay cacheable.' );
		// Every page now has the gated footer; an open post over REST has no gate at all.
		const open = await new Session().request( '/wp-json/wp/v2/posts?slug=hello-world' );
		assert.doesNotMatch( open.headers.get( 'cache-control' ) ?? '', /no-store/, 'Responses without gates stay cacheable.' );
		const gated = await new Session().request( `/wp-json/wp/v2/posts/${ made.post.id }` );
		assert.match( gated.headers.get( 'cache-control' ) ?? '', /no-store/ );
	} );
} );
