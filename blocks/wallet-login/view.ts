/**
 * Front end of the Wallet Login block: a click loads the wallet code, nothing before.
 */
import { bindWalletButton } from '@/wallet-login/button';
import { followSignInRedirect } from '@/wallet-login/redirect';

document
	.querySelectorAll< HTMLButtonElement >(
		'.wp-block-sovereign-press-wallet-login__connect'
	)
	.forEach( ( button ) => {
		const root = button.closest< HTMLElement >(
			'.wp-block-sovereign-press-wallet-login'
		);
		if ( root ) {
			bindWalletButton( button, {
				source: root,
				mode: 'login',
				// The block's own target, else this page; the server checks either.
				redirectTo: root.dataset.redirect || window.location.href,
				done: ( { redirect } ) => followSignInRedirect( redirect ),
			} );
		}
	} );
