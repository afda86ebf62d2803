/**
 * wp-login.php: a "Log in with wallet" button above the password form. The password form keeps
 * working without JavaScript; this only adds the wallet path.
 */
import { bindWalletButton } from './button';
import { followSignInRedirect } from './redirect';

const container = document.getElementById( 'sovereign-press-login' );
const button = container?.querySelector< HTMLButtonElement >( 'button' );

if ( container && button ) {
	// Wallet first, then the password form, with the "or" between them.
	document.getElementById( 'loginform' )?.prepend( container );
	container.hidden = false;
	// redirect_to comes from the request: it goes to the server, which answers where to go.
	const field = document.querySelector< HTMLInputElement >(
		'#loginform input[name="redirect_to"]'
	);
	bindWalletButton( button, {
		source: container,
		mode: 'login',
		redirectTo: field?.value ?? '',
		done: ( { redirect } ) => followSignInRedirect( redirect ),
	} );
}
