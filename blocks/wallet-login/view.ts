/**
 * Front end of the Wallet Login block: a click loads the wallet code, nothing before.
 */
import { walletConnectFrom, type RestConfig } from '@/wallet/types';

function init( button: HTMLButtonElement ) {
	const root = button.closest< HTMLElement >(
		'.wp-block-sovereign-press-wallet-login'
	);
	const config: RestConfig = {
		root: root?.dataset.restRoot ?? '/wp-json/',
		nonce: '',
		walletConnect: walletConnectFrom( root ),
	};
	const redirect = root?.dataset.redirect || window.location.href;
	button.hidden = false;
	button.addEventListener( 'click', async () => {
		button.disabled = true;
		try {
			const { openWalletDialog } = await import(
				/* webpackChunkName: "wallet" */ '@/wallet/connect'
			);
			await openWalletDialog( {
				config,
				mode: 'login',
				onSignedIn: () => window.location.assign( redirect ),
			} );
		} finally {
			button.disabled = false;
		}
	} );
}

document
	.querySelectorAll< HTMLButtonElement >(
		'.wp-block-sovereign-press-wallet-login__connect'
	)
	.forEach( init );
