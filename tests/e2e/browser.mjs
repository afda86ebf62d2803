/**
 * Debian's Chromium driven by playwright-core (no downloaded browser).
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:18680';
export const RPC_URL = process.env.E2E_RPC_URL ?? 'http://127.0.0.1:18645';
export const ARTIFACTS = new URL( '../../artifacts/e2e/', import.meta.url ).pathname;

export async function launch() {
	const userDataDir = mkdtempSync( join( tmpdir(), 'sp-chromium-' ) );
	const context = await chromium.launchPersistentContext( userDataDir, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1280, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	} );
	mkdirSync( ARTIFACTS, { recursive: true } );
	return {
		context,
		page: context.pages()[ 0 ] ?? ( await context.newPage() ),
		async close() {
			await context.close();
			rmSync( userDataDir, { recursive: true, force: true } );
		},
	};
}

export async function logIn( page, { baseUrl = BASE_URL, user = 'admin', password = 'password' } = {} ) {
	await page.goto( `${ baseUrl }/wp-login.php` );
	await page.fill( '#user_login', user );
	await page.fill( '#user_pass', password );
	await Promise.all( [ page.waitForURL( /wp-admin/ ), page.click( '#wp-submit' ) ] );
}
