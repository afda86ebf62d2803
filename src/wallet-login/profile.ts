/**
 * Profile screen: link another wallet (sign with it) and unlink one.
 */
import { __ } from '@wordpress/i18n';

import { isApiError } from '@/api/errors';

import { unlinkWallet } from './api';
import { bindWalletButton, configFrom } from './button';

const section = document.getElementById( 'sovereign-press-wallets' );

if ( section ) {
	const config = configFrom( section );
	const status = section.querySelector< HTMLElement >(
		'.sovereign-press-wallets__status'
	);
	const say = ( text: string, isError: boolean ) => {
		if ( status ) {
			status.textContent = text;
			status.classList.toggle( 'notice-error', isError );
			status.hidden = false;
		}
	};

	section
		.querySelectorAll< HTMLButtonElement >( 'button[data-unlink]' )
		.forEach( ( button ) => {
			button.addEventListener( 'click', async () => {
				button.disabled = true;
				try {
					await unlinkWallet( config, button.dataset.unlink ?? '' );
					window.location.reload();
				} catch ( error ) {
					say(
						isApiError( error )
							? error.message
							: __(
									'The wallet could not be removed.',
									'sovereign-press'
								),
						true
					);
					button.disabled = false;
				}
			} );
		} );

	const link =
		section.querySelector< HTMLButtonElement >( 'button[data-link]' );
	if ( link ) {
		bindWalletButton( link, {
			source: section,
			mode: 'link',
			done: () => window.location.reload(),
		} );
	}
}
