/**
 * Front end of the Wallet Login block: a click loads the wallet code, nothing before.
 */
import { bindWalletButton } from '@/wallet/button';

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
				done: () =>
					window.location.assign(
						root.dataset.redirect || window.location.href
					),
			} );
		}
	} );
