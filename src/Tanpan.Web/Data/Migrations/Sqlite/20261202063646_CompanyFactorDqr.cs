using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CompanyFactorDqr : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "GeographicalDqr",
                table: "CustomFactors",
                type: "TEXT",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "TechnologicalDqr",
                table: "CustomFactors",
                type: "TEXT",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "TemporalDqr",
                table: "CustomFactors",
                type: "TEXT",
                precision: 9,
                scale: 4,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GeographicalDqr",
                table: "CustomFactors");

            migrationBuilder.DropColumn(
                name: "TechnologicalDqr",
                table: "CustomFactors");

            migrationBuilder.DropColumn(
                name: "TemporalDqr",
                table: "CustomFactors");
        }
    }
}
