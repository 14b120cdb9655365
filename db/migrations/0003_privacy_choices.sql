ALTER TABLE "privacy_settings" ADD COLUMN "profile_visibility" text DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD COLUMN "show_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD COLUMN "show_birthday" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD COLUMN "show_location" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD COLUMN "show_website" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD COLUMN "show_online" boolean DEFAULT true NOT NULL;