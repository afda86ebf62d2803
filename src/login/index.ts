/**
 * wp-login.php: a "Log in with wallet" button above the password form. The password form keeps
 * working without JavaScript; this only adds the wallet path.
 */
import { walletConnectFrom } from '@/wallet/types';

const container = document.getElementById( 'sovereign-press-login' );
const button = container?.querySelector< HTMLButtonElement >( 'button' );

if ( container && button ) {
	container.hidden = false;
	button.addEventListener( 'click', async () => {
		button.disabled = true;
		const field = document.querySelector< HTMLInputElement >(
			'#loginform input[name="redirect_to"]'
		);
		const redirect = field?.value || container.dataset.redirect || '/';
		try {
			const { openWalletDialog } = await import(
				/* webpackChunkName: "wallet" */ '@/wallet/connect'
			);
			await openWalletDialog( {
				config: {
					root: container.dataset.restRoot ?? '/wp-json/',
					nonce: '',
					walletConnect: walletConnectFrom( container ),
				},
				mode: 'login',
				onSignedIn: () => window.location.assign( redirect ),
			} );
		} finally {
			button.disabled = false;
		}
	} );
}
