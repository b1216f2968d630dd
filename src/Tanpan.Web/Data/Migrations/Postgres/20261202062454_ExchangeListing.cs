using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExchangeListing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExchangeListedAtUtc",
                table: "Companies",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExchangeListedAtUtc",
                table: "Companies");
        }
    }
}
