import domReady from '@wordpress/dom-ready';
import { createRoot } from '@wordpress/element';

import { SettingsApp } from './SettingsApp';
import './settings.scss';

domReady( () => {
	const root = document.getElementById( 'sovereign-press-settings' );
	if ( root ) {
		createRoot( root ).render( <SettingsApp /> );
	}
} );
